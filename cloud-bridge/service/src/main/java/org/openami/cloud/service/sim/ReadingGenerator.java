package org.openami.cloud.service.sim;

import java.util.ArrayList;
import java.util.List;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

/**
 * Deterministic load-curve readings: reading number {@code i} of a concentrator is always the
 * same (meter, quarter hour, quantity, value), so a test can produce a fixed set of N readings
 * in any number of runs and check the database holds exactly those values.
 * Reading {@code i} is meter {@code i % meters}, quarter {@code i / meters}; the value is the
 * meter's forward active energy in Wh, growing by a meter-dependent amount each quarter.
 */
public final class ReadingGenerator {

    private static final long QUARTER = 15 * 60_000L;

    private final int meters;
    private final long start;
    private final long addressBase;

    /**
     * @param meters      meters on the concentrator (1..2040)
     * @param start       data time of the first quarter (ms)
     * @param addressBase the first meter's address as a number (12 decimal digits in all)
     */
    public ReadingGenerator(int meters, long start, long addressBase) {
        if (meters < 1 || meters > 2040) {
            throw new IllegalArgumentException("meters " + meters + " is outside 1..2040");
        }
        this.meters = meters;
        this.start = start;
        this.addressBase = addressBase;
    }

    /** Reading number {@code i}. */
    public Reading reading(long i) {
        int m = (int) (i % meters);
        long q = i / meters;
        long dataTime = start + q * QUARTER;
        long value = 1_000_000L * (m + 1) + q * (50 + m % 400) + (q * 7 + m) % 13;
        return new Reading(m + 1, String.format("%012d", addressBase + m), ReadingKind.CURVE,
                Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, dataTime, value, dataTime + 60_000);
    }

    /** Readings {@code from} (inclusive) to {@code to} (exclusive). */
    public List<Reading> range(long from, long to) {
        List<Reading> out = new ArrayList<>((int) Math.max(0, to - from));
        for (long i = from; i < to; i++) {
            out.add(reading(i));
        }
        return out;
    }
}
