package org.openami.concentrator.bench.sim;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Optional;
import org.openami.dlt645.DataIdentifier;
import org.openami.dlt645.MeterAddress;
import org.openami.dlt645.data.Bcd;
import org.openami.dlt645.data.ClockFormat;
import org.openami.dlt645.data.NumericFormat;

/**
 * What a light simulated meter answers to a DL/T 645-2007 read (11H), in the standard's
 * formats, from a {@link MeterModel}: the identifiers a concentrator's collector uses.
 * <ul>
 *   <li>{@code 0001ttss} / {@code 0002ttss} forward / reverse active energy, tariff tt 00..04
 *       or FF (block of total + T1..T4), settlement ss 00 (now) .. 0C (settlement on the 1st
 *       at 00:00);</li>
 *   <li>{@code 02010100} voltage, {@code 02020100} current, {@code 02030000}/{@code 02030100}
 *       active power, {@code 02060000}/{@code 02060100} power factor, {@code 02800002} frequency
 *       (a single-phase meter: phases B and C are refused);</li>
 *   <li>{@code 04000101} date, {@code 04000102} time, {@code 04000401} address;</li>
 *   <li>{@code 050600NN} / {@code 050601NN} / {@code 050602NN} daily freeze NN (1..62) back:
 *       its time (the midnight), forward and reverse energy blocks;</li>
 *   <li>{@code 06000001} load profile with request data NN + YYMMDDhhmm: up to NN (at most 8)
 *       quarter-hour points from the first at or after that time, as the meter firmware
 *       answers it (point: time, voltage, current, power, forward, reverse energy).</li>
 * </ul>
 * Anything else, and anything before the meter was installed or after "now", is empty (the
 * slave answers "no requested data"). Stateless and thread-safe.
 */
public final class DataItems {

    /** Load-profile points one reply carries at most (as the meter firmware: 8 fit in 200 bytes). */
    public static final int PROFILE_POINTS_PER_REPLY = 8;
    private static final int PROFILE_POINT_BYTES = ClockFormat.MINUTE_SIZE + 2 + 3 + 3 + 4 + 4;
    private static final int DAYS_KEPT = 62;
    private static final int SETTLEMENTS_KEPT = 12;
    /** Energy register resolution, 0.01 kWh in mWh. */
    private static final long MWH_PER_UNIT = 10_000;

    private DataItems() {
    }

    /**
     * @param m       the meter
     * @param address its address (for {@code 04000401})
     * @param di      the identifier read
     * @param extra   request bytes after the identifier
     * @param now     the meter's clock
     * @return the value bytes (wire order, without the 33H offset), or empty for "no requested data"
     */
    public static Optional<byte[]> read(MeterModel m, MeterAddress address, DataIdentifier di, byte[] extra,
            Instant now) {
        int v = di.value();
        long t = now.toEpochMilli();
        if (t < m.installedAt()) {
            return Optional.empty();
        }
        return switch (v >>> 24) {
            case 0x00 -> energy(m, (v >>> 16) & 0xFF, (v >>> 8) & 0xFF, v & 0xFF, now);
            case 0x02 -> instantaneous(m, v, t);
            case 0x04 -> parameter(m, address, v, now);
            case 0x05 -> (v >>> 16 & 0xFF) == 0x06 ? dailyFreeze(m, (v >>> 8) & 0xFF, v & 0xFF, now) : Optional.empty();
            case 0x06 -> v == 0x06000001 ? profile(m, extra, t) : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static Optional<byte[]> energy(MeterModel m, int kind, int tariff, int back, Instant now) {
        if ((kind != 1 && kind != 2) || (tariff > MeterModel.TARIFFS && tariff != 0xFF) || back > SETTLEMENTS_KEPT) {
            return Optional.empty();
        }
        long at = back == 0 ? now.toEpochMilli() : settlement(m.zone(), now, back);
        if (at < m.installedAt()) {
            return Optional.empty();
        }
        boolean forward = kind == 1;
        return Optional.of(tariff == 0xFF ? block(m, forward, at) : energyValue(m, forward, tariff, at));
    }

    /** The settlement {@code back} settlements before {@code now}: the 1st of a month at 00:00. */
    static long settlement(ZoneId zone, Instant now, int back) {
        YearMonth current = YearMonth.from(LocalDate.ofInstant(now, zone));
        return current.minusMonths(back - 1L).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private static byte[] energyValue(MeterModel m, boolean forward, int tariff, long at) {
        long mwh = forward ? m.forwardMwh(at, tariff) : m.reverseMwh(at, tariff);
        return NumericFormat.ENERGY.encode(mwh / MWH_PER_UNIT);
    }

    private static byte[] block(MeterModel m, boolean forward, long at) {
        byte[] out = new byte[4 * (MeterModel.TARIFFS + 1)];
        for (int t = 0; t <= MeterModel.TARIFFS; t++) {
            long mwh = forward ? m.forwardMwh(at, t) : m.reverseMwh(at, t);
            NumericFormat.ENERGY.encode(mwh / MWH_PER_UNIT, out, 4 * t);
        }
        return out;
    }

    private static Optional<byte[]> instantaneous(MeterModel m, int v, long t) {
        long p = m.powerDeciwatts(t);
        return switch (v) {
            case 0x02010100 -> Optional.of(NumericFormat.VOLTAGE.encode(m.voltageDecivolts(t)));
            case 0x02020100 -> Optional.of(NumericFormat.CURRENT.encode(p < 0 ? -m.currentMilliamps(t) : m.currentMilliamps(t)));
            case 0x02030000, 0x02030100 -> Optional.of(NumericFormat.ACTIVE_POWER.encode(p));
            case 0x02060000, 0x02060100 -> Optional.of(NumericFormat.POWER_FACTOR.encode(m.powerFactorMilli()));
            case 0x02800002 -> Optional.of(NumericFormat.FREQUENCY.encode(m.frequencyCentihertz(t)));
            default -> Optional.empty();
        };
    }

    private static Optional<byte[]> parameter(MeterModel m, MeterAddress address, int v, Instant now) {
        LocalDateTime local = LocalDateTime.ofInstant(now, m.zone());
        return switch (v) {
            case 0x04000101 -> Optional.of(ClockFormat.encodeDate(local.toLocalDate()));
            case 0x04000102 -> Optional.of(ClockFormat.encodeTime(local.toLocalTime()));
            case 0x04000401 -> Optional.of(address.toWire());
            default -> Optional.empty();
        };
    }

    private static Optional<byte[]> dailyFreeze(MeterModel m, int item, int back, Instant now) {
        if (back < 1 || back > DAYS_KEPT || item > 2) {
            return Optional.empty();
        }
        LocalDate day = LocalDate.ofInstant(now, m.zone()).minusDays(back - 1L);
        LocalDateTime midnight = day.atStartOfDay();
        long at = midnight.atZone(m.zone()).toInstant().toEpochMilli();
        if (at < m.installedAt()) {
            return Optional.empty();
        }
        return Optional.of(switch (item) {
            case 0 -> ClockFormat.encodeMinute(midnight);
            case 1 -> block(m, true, at);
            default -> block(m, false, at);
        });
    }

    private static Optional<byte[]> profile(MeterModel m, byte[] extra, long now) {
        if (extra.length != 1 + ClockFormat.MINUTE_SIZE) {
            return Optional.empty();
        }
        int wanted;
        long from;
        try {
            wanted = Bcd.toInt(extra[0], 0);
            from = ClockFormat.decodeMinute(extra, 1).atZone(m.zone()).toInstant().toEpochMilli();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        long first = Math.max(m.installedAt(), Math.floorDiv(from + MeterModel.QUARTER_MILLIS - 1, MeterModel.QUARTER_MILLIS)
                * MeterModel.QUARTER_MILLIS);
        int n = 0;
        wanted = Math.min(wanted, PROFILE_POINTS_PER_REPLY);
        while (n < wanted && first + n * MeterModel.QUARTER_MILLIS <= now) {
            n++;
        }
        byte[] out = new byte[1 + n * PROFILE_POINT_BYTES];
        out[0] = Bcd.fromInt(n);
        for (int i = 0; i < n; i++) {
            long at = first + i * MeterModel.QUARTER_MILLIS;
            int off = 1 + i * PROFILE_POINT_BYTES;
            long before = at - 1; // the quarter that just ended: the instantaneous values at the quarter hour
            long p = m.powerDeciwatts(before);
            System.arraycopy(ClockFormat.encodeMinute(LocalDateTime.ofInstant(Instant.ofEpochMilli(at), m.zone())), 0,
                    out, off, ClockFormat.MINUTE_SIZE);
            NumericFormat.VOLTAGE.encode(m.voltageDecivolts(before), out, off + 5);
            NumericFormat.CURRENT.encode(p < 0 ? -m.currentMilliamps(before) : m.currentMilliamps(before), out, off + 7);
            NumericFormat.ACTIVE_POWER.encode(p, out, off + 10);
            NumericFormat.ENERGY.encode(m.forwardMwh(at, 0) / MWH_PER_UNIT, out, off + 13);
            NumericFormat.ENERGY.encode(m.reverseMwh(at, 0) / MWH_PER_UNIT, out, off + 17);
        }
        return Optional.of(out);
    }
}
