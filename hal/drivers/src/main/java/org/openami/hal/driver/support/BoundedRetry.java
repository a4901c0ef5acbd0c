package org.openami.hal.driver.support;

import java.time.Duration;
import org.openami.hal.BusException;
import org.openami.hal.HalException;
import org.openami.hal.time.HalClock;

/**
 * Runs a bus operation up to a fixed number of attempts, waiting a fixed pause between
 * them. Only {@link BusException}s (transfer failures, checksum mismatches) are retried;
 * anything else is a verdict and goes straight up. Blocks the caller; thread-safe.
 */
public final class BoundedRetry {

    /** A bus operation that may fail. */
    @FunctionalInterface
    public interface Op<T> {
        T run() throws HalException;
    }

    private final int attempts;
    private final Duration pause;
    private final HalClock clock;

    public BoundedRetry(int attempts, Duration pause, HalClock clock) {
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("attempts out of 1..10: " + attempts);
        }
        this.attempts = attempts;
        this.pause = pause;
        this.clock = clock;
    }

    public int attempts() {
        return attempts;
    }

    /**
     * @throws BusException the last failure, once every attempt failed
     * @throws HalException at once, for failures that are not bus errors
     */
    public <T> T call(Op<T> op) throws HalException {
        BusException last = null;
        for (int i = 0; i < attempts; i++) {
            try {
                return op.run();
            } catch (BusException e) {
                last = e;
                if (i + 1 < attempts) {
                    pause();
                }
            }
        }
        throw last;
    }

    private void pause() throws HalException {
        try {
            clock.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HalException("retry", "interrupted while waiting to retry", e);
        }
    }
}
