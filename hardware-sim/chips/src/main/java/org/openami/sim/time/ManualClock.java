package org.openami.sim.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.openami.hal.time.HalClock;

/**
 * A clock that moves only when told: {@link #advance(Duration)}, or {@link #sleep(Duration)}
 * which advances it by the span at once. Deterministic for single-threaded tests; shared
 * between threads it is still consistent (every caller sees one monotonic timeline).
 */
public final class ManualClock implements HalClock {

    private final Instant epoch;
    private final AtomicLong elapsedNanos = new AtomicLong();

    public ManualClock(Instant start) {
        this.epoch = start;
    }

    @Override
    public Instant now() {
        return epoch.plusNanos(elapsedNanos.get());
    }

    @Override
    public long nanoTime() {
        return elapsedNanos.get();
    }

    @Override
    public void sleep(Duration span) {
        advance(span);
    }

    public void advance(Duration span) {
        if (span.isNegative()) {
            throw new IllegalArgumentException("time does not run backwards: " + span);
        }
        elapsedNanos.addAndGet(span.toNanos());
    }
}
