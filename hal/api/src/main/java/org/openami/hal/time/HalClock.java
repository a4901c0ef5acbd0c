package org.openami.hal.time;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock every driver and metering loop is given instead of reading system time, so
 * simulated time can run fast in the demo and deterministically in tests.
 *
 * <p>Thread-safe. {@link #sleep(Duration)} blocks the caller for the given span of
 * <em>this clock's</em> time, which for a simulated clock may be much less real time.
 */
public interface HalClock {

    /** Wall-clock time (the meter's RTC view). */
    Instant now();

    /** A monotonic reading in nanoseconds, for measuring spans; never goes backwards. */
    long nanoTime();

    /**
     * Blocks for {@code span} of this clock's time.
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration span) throws InterruptedException;

    /** The real system clock. */
    static HalClock system() {
        return SystemHalClock.INSTANCE;
    }
}
