package org.openami.cloud.uplink;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code perSecond} permits a second, bursts up to one second's worth (or the
 * largest single request). {@link #acquire} blocks until the permits are there. Time comes from
 * an injected monotonic nanosecond source and an injected sleeper, so tests run without waiting.
 * Not thread-safe: one publishing thread uses it.
 */
final class RateLimiter {

    /** Sleeps for a number of nanoseconds. */
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final long perSecond;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private double tokens;
    private long last;

    /** {@code perSecond} 0 means no limit. */
    RateLimiter(long perSecond, LongSupplier nanoTime, Sleeper sleeper) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("rate " + perSecond + " is negative");
        }
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.last = nanoTime.getAsLong();
        this.tokens = perSecond;
    }

    static RateLimiter system(long perSecond) {
        return new RateLimiter(perSecond, System::nanoTime, n -> java.util.concurrent.TimeUnit.NANOSECONDS.sleep(n));
    }

    /** Takes {@code n} permits, waiting as long as it takes. */
    void acquire(int n) throws InterruptedException {
        if (perSecond == 0 || n <= 0) {
            return;
        }
        double capacity = Math.max(perSecond, n);
        refill(capacity);
        while (tokens < n) {
            long waitNanos = (long) Math.ceil((n - tokens) * 1e9 / perSecond);
            sleeper.sleepNanos(Math.max(1, waitNanos));
            refill(capacity);
        }
        tokens -= n;
    }

    private void refill(double capacity) {
        long now = nanoTime.getAsLong();
        long elapsed = now - last;
        last = now;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * (double) perSecond / 1e9);
        }
    }
}
