package org.openami.hal.driver.atm90e32;

/**
 * Scales chip energy counts by a software gain in ppm into sub-counts (1/1000 count),
 * carrying the remainder so that nothing is lost between reads. The carry (under one
 * sub-count, 3 uWh on the reference board) is not part of the persisted accumulator state
 * and is dropped when the driver restarts. Not thread-safe.
 */
final class CountScaler {

    private long carry;

    /** Sub-counts for {@code counts} at {@code gainPpm} (1,000,000 = x1). */
    long toSubCounts(long counts, long gainPpm) {
        if (counts < 0 || gainPpm <= 0) {
            throw new IllegalArgumentException("counts and gain must be positive");
        }
        long scaled = Math.addExact(Math.multiplyExact(counts, gainPpm), carry);
        long whole = scaled / 1000;
        carry = scaled - whole * 1000;
        return whole;
    }
}
