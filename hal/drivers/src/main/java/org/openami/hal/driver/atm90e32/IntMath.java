package org.openami.hal.driver.atm90e32;

/** Integer helpers for fixed-point register arithmetic (no floating point in the driver). */
final class IntMath {

    private IntMath() {
    }

    /** {@code a / b} rounded half up, for {@code b > 0}. */
    static long roundDiv(long a, long b) {
        return Math.floorDiv(Math.addExact(Math.multiplyExact(a, 2), b), Math.multiplyExact(b, 2));
    }

    static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }
}
