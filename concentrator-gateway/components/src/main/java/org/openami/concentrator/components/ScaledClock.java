package org.openami.concentrator.components;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Simulated time for demos and tests: starts at a given instant and runs {@code speed} times
 * faster than the monotonic system timer. Meters simulated with the same start and speed
 * keep the same time as the concentrator.
 */
final class ScaledClock extends Clock {

    private final Instant start;
    private final double speed;
    private final long baseNanos;
    private final ZoneId zone;

    ScaledClock(Instant start, double speed, ZoneId zone) {
        this(start, speed, System.nanoTime(), zone);
    }

    private ScaledClock(Instant start, double speed, long baseNanos, ZoneId zone) {
        if (!(speed > 0) || speed > 100_000) {
            throw new IllegalArgumentException("clock speed " + speed + " is outside (0, 100000]");
        }
        this.start = start;
        this.speed = speed;
        this.baseNanos = baseNanos;
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
        return new ScaledClock(start, speed, baseNanos, z);
    }

    @Override
    public Instant instant() {
        long elapsed = (long) ((System.nanoTime() - baseNanos) * speed);
        return start.plusNanos(elapsed);
    }
}
