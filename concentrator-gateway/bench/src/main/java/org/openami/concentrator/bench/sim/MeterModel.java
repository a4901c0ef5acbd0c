package org.openami.concentrator.bench.sim;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The registers and instantaneous values of one light simulated meter, as pure functions of
 * time: what a real meter would have measured if its customer's load followed a daily shape
 * (evening peak, night valley; every tenth meter has rooftop PV exporting around noon), scaled
 * per meter and per weekday. Energy is computed in closed form from the installation day, so a
 * register read at any instant costs a few dozen integer operations and no state is kept: the
 * benchmark can hang 2,040 meters on its buses with a few hundred bytes each.
 *
 * <p>Guarantees: forward and reverse energy (total and per tariff) never decrease with time;
 * T1..T4 add up to the total within a rounding unit; freezes and profile points are the
 * registers at their instant. Energy is in mWh (integers); conversion to the DL/T 645 formats
 * happens in {@link DataItems}. Immutable and thread-safe.
 */
public final class MeterModel {

    public static final long QUARTER_MILLIS = 15 * 60_000L;
    static final long DAY_MILLIS = 86_400_000L;
    static final int QUARTERS = 96;
    /** Tariffs T1..T4 (sharp, peak, flat, valley); index 0 is the total. */
    public static final int TARIFFS = 4;
    /** How many days before the benchmark's start the meters were installed. */
    public static final int INSTALLED_DAYS_BEFORE = 100;

    private static final int[] RESIDENTIAL_BY_HOUR = {450, 400, 380, 370, 380, 450, 700, 1100, 1000, 800, 750, 800,
            900, 800, 750, 800, 1000, 1400, 1900, 2100, 1900, 1500, 1000, 650};
    private static final int[] PV_EXPORT_BY_HOUR = {0, 0, 0, 0, 0, 0, 0, 0, 0, 300, 700, 1000, 1200, 1000, 700, 300,
            0, 0, 0, 0, 0, 0, 0, 0};
    /** SGCC-style periods: valley at night, sharp 18-21 h. */
    private static final int[] TARIFF_BY_HOUR = {4, 4, 4, 4, 4, 4, 4, 3, 3, 3, 2, 2, 3, 3, 3, 2, 2, 2, 1, 1, 1, 3, 3, 4};
    /** Share of the initial registers per tariff T1..T4, per cent. */
    private static final int[] BASE_SHARE = {10, 25, 40, 25};

    private static final Shape RESIDENTIAL = Shape.ofHours(RESIDENTIAL_BY_HOUR, 1.0);
    private static final Shape PV_IMPORT = Shape.ofHours(pvImport(), 1.0);
    private static final Shape PV_EXPORT = Shape.ofHours(PV_EXPORT_BY_HOUR, 0);
    private static final Shape NONE = Shape.ofHours(new int[24], 0);

    private final int index;
    private final long seed;
    private final ZoneId zone;
    private final int meanWatts;
    private final boolean pv;
    private final int[] weekday = new int[7];
    private final long installDay;
    private final long[] importBase = new long[TARIFFS + 1];
    private final long[] exportBase = new long[TARIFFS + 1];
    private final int powerFactor;

    /**
     * @param index   the meter's number on the benchmark (0-based); decides its load
     * @param seed    varies every meter's load
     * @param zone    the meter's local time (days, quarter hours, tariff periods)
     * @param started the benchmark's simulated start; the meter was installed
     *                {@value #INSTALLED_DAYS_BEFORE} days before
     */
    public MeterModel(int index, long seed, ZoneId zone, Instant started) {
        this.index = index;
        this.seed = seed;
        this.zone = zone;
        this.meanWatts = 300 + (int) (mix(seed, index, 1) % 1500);
        this.pv = index % 10 == 9;
        for (int d = 0; d < 7; d++) {
            weekday[d] = 850 + (int) (mix(seed, index, 10 + d) % 301);
        }
        this.installDay = LocalDate.ofInstant(started, zone).toEpochDay() - INSTALLED_DAYS_BEFORE;
        long importKwh = 200 + mix(seed, index, 2) % 9_800;
        long exportKwh = pv ? mix(seed, index, 3) % 2_000 : 0;
        for (int t = 1; t <= TARIFFS; t++) {
            importBase[t] = importKwh * 1_000_000L * BASE_SHARE[t - 1] / 100;
            exportBase[t] = exportKwh * 1_000_000L * BASE_SHARE[t - 1] / 100;
            importBase[0] += importBase[t];
            exportBase[0] += exportBase[t];
        }
        this.powerFactor = 950 + (int) (mix(seed, index, 4) % 45);
    }

    private static int[] pvImport() {
        int[] v = RESIDENTIAL_BY_HOUR.clone();
        for (int h = 9; h <= 15; h++) {
            v[h] = v[h] * 3 / 10;
        }
        return v;
    }

    /** The meter's average load, W. */
    public int meanWatts() {
        return meanWatts;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Epoch milliseconds of the meter's installation (local midnight). */
    public long installedAt() {
        return LocalDate.ofEpochDay(installDay).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** Forward (import) active energy at {@code epochMillis}, mWh; tariff 0 = total, 1..4. */
    public long forwardMwh(long epochMillis, int tariff) {
        return importBase[tariff] + (long) meanWatts * raw(pv ? PV_IMPORT : RESIDENTIAL, epochMillis, tariff) / 4000;
    }

    /** Reverse (export) active energy at {@code epochMillis}, mWh; tariff 0 = total, 1..4. */
    public long reverseMwh(long epochMillis, int tariff) {
        return exportBase[tariff] + (long) meanWatts * raw(pv ? PV_EXPORT : NONE, epochMillis, tariff) / 4000;
    }

    /** Phase voltage, 0.1 V (214.0 .. 226.0 V), steady within a quarter hour. */
    public int voltageDecivolts(long epochMillis) {
        return 2200 + (int) (mix(seed, index, 100 + Math.floorDiv(epochMillis, QUARTER_MILLIS)) % 121) - 60;
    }

    /** Net active power (import minus export), 0.1 W, steady within a quarter hour. */
    public long powerDeciwatts(long epochMillis) {
        long local = local(epochMillis);
        long day = Math.floorDiv(local, DAY_MILLIS);
        int q = (int) (Math.floorMod(local, DAY_MILLIS) / QUARTER_MILLIS);
        int w = day < installDay ? 0 : weekday[Math.floorMod(day, 7)];
        Shape in = pv ? PV_IMPORT : RESIDENTIAL;
        Shape out = pv ? PV_EXPORT : NONE;
        return (long) meanWatts * w * (in.perMille[q] - out.perMille[q]) / 100_000;
    }

    /** Phase current, mA (absolute: DL/T 645 signs it with the power). */
    public long currentMilliamps(long epochMillis) {
        long p = Math.abs(powerDeciwatts(epochMillis));
        return p * 1000 / voltageDecivolts(epochMillis) * 1000 / powerFactor;
    }

    /** Power factor, 0.001. */
    public int powerFactorMilli() {
        return powerFactor;
    }

    /** Grid frequency, 0.01 Hz. */
    public int frequencyCentihertz(long epochMillis) {
        return 5000 + (int) (mix(seed, index, 200 + epochMillis / 60_000) % 7) - 3;
    }

    /** Local epoch milliseconds (wall time in the meter's zone as if it were UTC). */
    long local(long epochMillis) {
        return epochMillis + zone.getRules().getOffset(Instant.ofEpochMilli(epochMillis)).getTotalSeconds() * 1000L;
    }

    /** Sum of weekday‰ x shape‰ over the quarters (or parts) from installation to {@code epochMillis}. */
    private long raw(Shape s, long epochMillis, int tariff) {
        long local = local(epochMillis);
        long day = Math.floorDiv(local, DAY_MILLIS);
        if (day < installDay) {
            return 0;
        }
        long ms = Math.floorMod(local, DAY_MILLIS);
        int q = (int) (ms / QUARTER_MILLIS);
        long inQuarter = ms % QUARTER_MILLIS;
        long days = day - installDay;
        long weeks = days / 7;
        long weekSum = 0;
        for (int w : weekday) {
            weekSum += w;
        }
        long r = weeks * weekSum * s.daySum[tariff];
        for (long d = installDay + weeks * 7; d < day; d++) {
            r += weekday[Math.floorMod(d, 7)] * s.daySum[tariff];
        }
        int w = weekday[Math.floorMod(day, 7)];
        r += w * s.prefix[tariff][q];
        if (tariff == 0 || TARIFF_BY_HOUR[q / 4] == tariff) {
            r += w * s.perMille[q] * inQuarter / QUARTER_MILLIS;
        }
        return r;
    }

    /** SplitMix64 of the three values: deterministic, well spread, never negative. */
    static long mix(long seed, long a, long b) {
        long z = seed * 0x9E3779B97F4A7C15L + a * 0xBF58476D1CE4E5B9L + b * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) >>> 1;
    }

    /** A daily load shape per quarter hour, ‰ of the mean, with per-tariff prefix sums. */
    private static final class Shape {
        final int[] perMille = new int[QUARTERS];
        final long[][] prefix = new long[TARIFFS + 1][QUARTERS + 1];
        final long[] daySum = new long[TARIFFS + 1];

        /** {@code normalise} = 1: scaled so the day's mean is 1000 ‰; 0: taken as is. */
        static Shape ofHours(int[] byHour, double normalise) {
            Shape s = new Shape();
            long sum = 0;
            for (int v : byHour) {
                sum += v;
            }
            for (int q = 0; q < QUARTERS; q++) {
                int v = byHour[q / 4];
                s.perMille[q] = normalise > 0 && sum > 0 ? (int) Math.round(v * 24_000.0 / sum) : v;
            }
            for (int t = 0; t <= TARIFFS; t++) {
                for (int q = 0; q < QUARTERS; q++) {
                    boolean counts = t == 0 || TARIFF_BY_HOUR[q / 4] == t;
                    s.prefix[t][q + 1] = s.prefix[t][q] + (counts ? s.perMille[q] : 0);
                }
                s.daySum[t] = s.prefix[t][QUARTERS];
            }
            return s;
        }
    }
}
