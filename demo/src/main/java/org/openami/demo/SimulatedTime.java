package org.openami.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The concentrator's simulated time as seen from the demo: {@code start} at the moment its
 * collector made its clock, then {@code speed} times faster than the monotonic timer. The
 * collector's own clock works the same way, so the two agree to within the time it took to read
 * the collector's start-up line (milliseconds, a fraction of a simulated minute).
 */
public final class SimulatedTime extends Clock {

    private final Instant start;
    private final int speed;
    private final long anchorNanos;
    private final ZoneId zone;
    private final LongSupplier nanos;

    /**
     * @param start       simulated instant at the anchor
     * @param speed       times faster than real time
     * @param anchorNanos {@link System#nanoTime()} at the anchor
     * @param zone        zone of the clock
     */
    public SimulatedTime(Instant start, int speed, long anchorNanos, ZoneId zone) {
        this(start, speed, anchorNanos, zone, System::nanoTime);
    }

    SimulatedTime(Instant start, int speed, long anchorNanos, ZoneId zone, LongSupplier nanos) {
        this.start = Objects.requireNonNull(start, "start");
        if (speed < 1) {
            throw new IllegalArgumentException("speed " + speed + " is below 1");
        }
        this.speed = speed;
        this.anchorNanos = anchorNanos;
        this.zone = Objects.requireNonNull(zone, "zone");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
    }

    public Instant start() {
        return start;
    }

    public int speed() {
        return speed;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
        return new SimulatedTime(start, speed, anchorNanos, z, nanos);
    }

    @Override
    public Instant instant() {
        long elapsed = nanos.getAsLong() - anchorNanos;
        return start.plusNanos(Math.multiplyExact(Math.max(0, elapsed), (long) speed));
    }
}
