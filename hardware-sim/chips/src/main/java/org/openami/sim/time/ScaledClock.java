package org.openami.sim.time;

import java.time.Duration;
import java.time.Instant;
import org.openami.hal.time.HalClock;

/**
 * Simulated time running {@code speed} times faster than real time from a chosen start,
 * for the demo: at speed 600 a simulated day passes in 2.4 real minutes. Thread-safe.
 */
public final class ScaledClock implements HalClock {

    private final Instant start;
    private final double speed;
    private final long realStartNanos = System.nanoTime();

    public ScaledClock(Instant start, double speed) {
        if (!(speed > 0) || speed > 1_000_000) {
            throw new IllegalArgumentException("speed must be in (0, 1e6]: " + speed);
        }
        this.start = start;
        this.speed = speed;
    }

    public double speed() {
        return speed;
    }

    @Override
    public Instant now() {
        return start.plusNanos(nanoTime());
    }

    @Override
    public long nanoTime() {
        return (long) ((System.nanoTime() - realStartNanos) * speed);
    }

    @Override
    public void sleep(Duration span) throws InterruptedException {
        long realNanos = (long) (span.toNanos() / speed);
        if (realNanos > 0) {
            Thread.sleep(realNanos / 1_000_000, (int) (realNanos % 1_000_000));
        }
    }
}
