package org.openami.concentrator.bench.sim;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Simulated time for benchmarks: {@code start} at the wall-clock instant {@code origin}, then
 * {@code speed} times faster than the wall clock. Anchored on the wall clock (not on
 * {@link System#nanoTime()}, whose origin is per process) so that a concentrator in a child
 * JVM and the simulated meters in the parent, built with the same three values, keep the same
 * time to within the wall clock's resolution. Immutable and thread-safe; a wall-clock step
 * (NTP) steps the simulated time by {@code speed} times as much.
 */
public final class FastClock extends Clock {

    private final Instant start;
    private final double speed;
    private final long originMicros;
    private final ZoneId zone;

    /**
     * @param start        the simulated instant at {@code originMicros}
     * @param speed        simulated seconds per wall second, in (0, 100000]
     * @param originMicros wall-clock epoch microseconds at which the simulated time is {@code start}
     * @param zone         the clock's zone
     * @throws IllegalArgumentException if the speed is out of range
     */
    public FastClock(Instant start, double speed, long originMicros, ZoneId zone) {
        this.start = Objects.requireNonNull(start, "start");
        this.zone = Objects.requireNonNull(zone, "zone");
        if (!(speed > 0) || speed > 100_000) {
            throw new IllegalArgumentException("speed " + speed + " is outside (0, 100000]");
        }
        this.speed = speed;
        this.originMicros = originMicros;
    }

    /** Wall-clock epoch microseconds now. */
    public static long wallMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    public Instant start() {
        return start;
    }

    public double speed() {
        return speed;
    }

    public long originMicros() {
        return originMicros;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
        return new FastClock(start, speed, originMicros, z);
    }

    @Override
    public Instant instant() {
        long elapsed = wallMicros() - originMicros;
        return start.plus((long) (elapsed * speed), ChronoUnit.MICROS);
    }

    /** Wall-clock milliseconds until the simulated time reaches {@code t} (0 if it has). */
    public long wallMillisUntil(Instant t) {
        long simMicros = ChronoUnit.MICROS.between(instant(), t);
        return simMicros <= 0 ? 0 : (long) Math.ceil(simMicros / speed / 1000.0);
    }

    @Override
    public String toString() {
        return "FastClock[" + start + " x" + speed + ", " + zone + "]";
    }
}
