package org.openami.concentrator.store;

import java.util.ArrayList;
import java.util.List;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

/** Readings with values derived from their key, so a test can tell a right value from a wrong one. */
public final class Fixtures {

    /** 2025-01-01T00:00:00Z */
    public static final long T0 = 1_735_689_600_000L;
    public static final long QUARTER_HOUR = 900_000L;

    private Fixtures() {
    }

    public static String meter(int point) {
        return String.format("%012d", 100_000 + point);
    }

    public static long valueFor(int point, Quantity q, long dataTime) {
        return point * 1_000_003L + q.ordinal() * 7_919L + (dataTime - T0) / QUARTER_HOUR;
    }

    public static Reading curve(int point, Quantity q, int slot) {
        long t = T0 + slot * QUARTER_HOUR;
        return new Reading(point, meter(point), ReadingKind.CURVE, q, t, valueFor(point, q, t), t + 5_000);
    }

    /** The readings of points 1..points, quantity {@code q}, slots from..to-1. */
    public static List<Reading> curves(int points, Quantity q, int fromSlot, int toSlot) {
        List<Reading> out = new ArrayList<>();
        for (int s = fromSlot; s < toSlot; s++) {
            for (int p = 1; p <= points; p++) {
                out.add(curve(p, q, s));
            }
        }
        return out;
    }

    /** The reading the kill test writes as number {@code i}. */
    public static Reading numbered(long i) {
        int point = (int) (i % 500) + 1;
        Quantity q = (i / 500) % 2 == 0 ? Quantity.ENERGY_FORWARD_ACTIVE_TOTAL : Quantity.ACTIVE_POWER_TOTAL;
        long t = T0 + (i / 1000) * QUARTER_HOUR;
        return new Reading(point, meter(point), ReadingKind.CURVE, q, t, i * 7 + 3, t + 1_000);
    }
}
