package org.openami.meter.protocol;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.openami.dlt645.data.Bcd;
import org.openami.dlt645.data.ClockFormat;
import org.openami.dlt645.data.NumericFormat;

/** Conversions from the meter's integer units to DL/T 645-2007 wire formats. */
final class Formats {

    private static final long ENERGY_ROLLOVER = 100_000_000L; // XXXXXX.XX kWh rolls over like a mechanical register

    private Formats() {
    }

    /** mWh (or mvarh) to XXXXXX.XX kWh, truncated, rolling over at 1,000,000 kWh. */
    static void energy(long mwh, byte[] dst, int off) {
        NumericFormat.ENERGY.encode((mwh / 10_000) % ENERGY_ROLLOVER, dst, off);
    }

    /** Signed mWh to XXXXXX.XX kWh with the sign bit. */
    static void combinedEnergy(long mwh, byte[] dst, int off) {
        long units = (mwh / 10_000) % 80_000_000L;
        NumericFormat.COMBINED_ENERGY.encode(units, dst, off);
    }

    /** mW to XX.XXXX kW (0.1 W), signed, clamped to the format. */
    static void power(long mw, byte[] dst, int off) {
        NumericFormat.ACTIVE_POWER.encode(clamp(mw / 100, NumericFormat.ACTIVE_POWER), dst, off);
    }

    static void voltage(int mv, byte[] dst, int off) {
        NumericFormat.VOLTAGE.encode(clamp(mv / 100, NumericFormat.VOLTAGE), dst, off);
    }

    static void current(long ma, byte[] dst, int off) {
        NumericFormat.CURRENT.encode(clamp(ma, NumericFormat.CURRENT), dst, off);
    }

    static void powerFactor(int milli, byte[] dst, int off) {
        NumericFormat.POWER_FACTOR.encode(milli, dst, off);
    }

    static void frequency(int mhz, byte[] dst, int off) {
        NumericFormat.FREQUENCY.encode(clamp(mhz / 10, NumericFormat.FREQUENCY), dst, off);
    }

    /** YYMMDDhhmmss; an unset time ({@link Instant#EPOCH}) is all zeros. */
    static void dateTime(Instant t, ZoneId zone, byte[] dst, int off) {
        if (!t.equals(Instant.EPOCH)) {
            System.arraycopy(ClockFormat.encodeDateTime(LocalDateTime.ofInstant(t, zone)), 0, dst, off, ClockFormat.DATE_TIME_SIZE);
        }
    }

    /** YYMMDDhhmm; an unset time is all zeros. */
    static void minute(Instant t, ZoneId zone, byte[] dst, int off) {
        if (!t.equals(Instant.EPOCH)) {
            System.arraycopy(ClockFormat.encodeMinute(LocalDateTime.ofInstant(t, zone)), 0, dst, off, ClockFormat.MINUTE_SIZE);
        }
    }

    /** An unsigned count in {@code len} BCD bytes, saturating. */
    static void count(long n, byte[] dst, int off, int len) {
        Bcd.encodeUnsigned(Math.min(n, Bcd.maxUnsigned(len)), dst, off, len);
    }

    private static long clamp(long v, NumericFormat f) {
        return Math.max(f.min(), Math.min(f.max(), v));
    }
}
