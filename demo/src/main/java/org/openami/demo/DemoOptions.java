package org.openami.demo;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * What one demo run does, validated: the constructor refuses every value outside its range
 * with an {@link IllegalArgumentException} whose message is one line naming the option.
 *
 * @param dltMeters DL/T 645 meters (the meter firmware on simulated chips), 1..{@value #MAX_METERS}
 * @param buses     virtual RS-485 buses the DL/T 645 meters are spread over, 1..{@value #MAX_BUSES},
 *                  at most {@value #MAX_METERS_PER_BUS} meters each
 * @param modbus    Modbus RTU meters (SDM630 models) on one more bus, 0..{@value #MAX_MODBUS}
 * @param minutes   wall-clock minutes of collection, 1..{@value #MAX_MINUTES}
 * @param speed     how many times faster than real time simulated time runs, 1..{@value #MAX_SPEED}
 * @param start     simulated instant the meters and the concentrator start at
 * @param report    where the JSON report is written
 * @param dataDir   where everything is kept; null = a temporary folder
 * @param keep      keep the data folder at the end
 * @param plain     no screen redraw: one status line every few seconds
 */
public record DemoOptions(int dltMeters, int buses, int modbus, int minutes, int speed, Instant start, Path report,
                          Path dataDir, boolean keep, boolean plain) {

    /** The zone of the simulated days and quarter hours (the collector's and the meters'). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final int MAX_METERS = 512;
    public static final int MAX_BUSES = 16;
    public static final int MAX_METERS_PER_BUS = 64;
    public static final int MAX_MODBUS = 32;
    public static final int MAX_MINUTES = 720;
    public static final int MAX_SPEED = 600;
    /** The meters keep 31 days of load profile: the simulated period stays within 30. */
    public static final Duration MAX_SIMULATED = Duration.ofDays(30);

    /** Wire time of one DL/T 645 load-curve read at 2400 baud, with turnaround: about 0.35 s. */
    static final Duration DLT645_CURVE_READ = Duration.ofMillis(350);
    /** One Modbus read of the SDM630 map (one 80-register block at 9600 baud): about 0.2 s. */
    static final Duration MODBUS_READ = Duration.ofMillis(200);

    public DemoOptions {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(report, "report");
        range("--meters", dltMeters, 1, MAX_METERS);
        range("--buses", buses, 1, MAX_BUSES);
        range("--modbus", modbus, 0, MAX_MODBUS);
        range("--minutes", minutes, 1, MAX_MINUTES);
        range("--speed", speed, 1, MAX_SPEED);
        if (buses > dltMeters) {
            throw new IllegalArgumentException("--buses " + buses + " is more than --meters " + dltMeters
                    + ": every bus needs at least one meter");
        }
        int perBus = metersOnBus(dltMeters, buses, 0);
        if (perBus > MAX_METERS_PER_BUS) {
            throw new IllegalArgumentException("--meters " + dltMeters + " on " + buses + " bus(es) puts " + perBus
                    + " meters on one bus; at most " + MAX_METERS_PER_BUS + ": add --buses");
        }
        if (Duration.ofMinutes((long) minutes * speed).compareTo(MAX_SIMULATED) > 0) {
            throw new IllegalArgumentException("--minutes " + minutes + " at --speed " + speed + " simulates "
                    + (long) minutes * speed / 1440 + " days; the meters keep 31 days of load curve, so at most 30");
        }
        Duration quarter = Duration.ofMillis(15 * 60_000L / speed);
        Duration busy = DLT645_CURVE_READ.multipliedBy(perBus);
        if (busy.compareTo(quarter) > 0) {
            throw new IllegalArgumentException("--speed " + speed + " leaves " + millis(quarter)
                    + " s of real time per quarter hour, but reading the " + perBus + " meters of one bus takes about "
                    + millis(busy) + " s at 2400 baud: lower --speed or add --buses");
        }
        Duration modbusBusy = MODBUS_READ.multipliedBy(modbus);
        if (modbusBusy.compareTo(quarter) > 0) {
            throw new IllegalArgumentException("--speed " + speed + " leaves " + millis(quarter)
                    + " s of real time per quarter hour, but reading " + modbus + " Modbus meters takes about "
                    + millis(modbusBusy) + " s: lower --speed or --modbus");
        }
    }

    private static String millis(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

    private static void range(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " " + value + " is outside " + min + ".." + max);
        }
    }

    /** Meters on DL/T 645 bus {@code index} (0-based) when {@code meters} are spread evenly over {@code buses}. */
    static int metersOnBus(int meters, int buses, int index) {
        return meters / buses + (index < meters % buses ? 1 : 0);
    }

    /** How many DL/T 645 meters bus {@code index} (0-based) carries. */
    public int metersOnBus(int index) {
        return metersOnBus(dltMeters, buses, index);
    }

    /** The real duration of one simulated quarter hour. */
    public Duration realQuarter() {
        return Duration.ofMillis(15 * 60_000L / speed);
    }

    /** 23:40 in {@link #ZONE} of the day {@code clock} says it is there: the daily freeze at 00:05 comes within the first minute at 120x. */
    public static Instant defaultStart(Clock clock) {
        return LocalDate.now(clock.withZone(ZONE)).atTime(LocalTime.of(23, 40)).atZone(ZONE).toInstant();
    }

    /**
     * Parses {@code --start}: an ISO-8601 instant ({@code 2026-11-20T15:40:00Z}), a time with an
     * offset or zone, or a local date-time taken in {@link #ZONE}.
     *
     * @throws IllegalArgumentException naming the option and the value
     */
    public static Instant parseStart(String text) {
        String s = text.strip();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return ZonedDateTime.parse(s).toInstant();
            } catch (DateTimeParseException notZoned) {
                try {
                    return LocalDateTime.parse(s).atZone(ZONE).toInstant();
                } catch (DateTimeParseException notLocal) {
                    throw new IllegalArgumentException("--start '" + (s.length() > 40 ? s.substring(0, 40) + "..." : s)
                            + "' is not an ISO-8601 date-time such as 2026-11-20T23:40 or 2026-11-20T23:40+08:00");
                }
            }
        }
    }

    /** Total meters on the concentrator's archive. */
    public int totalMeters() {
        return dltMeters + modbus;
    }
}
