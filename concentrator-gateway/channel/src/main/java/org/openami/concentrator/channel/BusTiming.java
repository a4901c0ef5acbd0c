package org.openami.concentrator.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing of a {@link BusChannel}: how long to wait for meters, how to back off, how much may
 * queue. Per medium: a 2400-baud DL/T 645 bus wants a 500 ms reply timeout; a PLC route may
 * want seconds.
 *
 * @param replyTimeout     longest wait from the end of a request to the first reply byte
 *                         (DL/T 645-2007 allows the meter up to 500 ms)
 * @param interByteTimeout silence that ends an incomplete reply (and the quiet a drain waits for)
 * @param maxReplyBytes    the longest reply expected, bounding how long one exchange may hold the bus
 * @param backoff          wait before the second attempt; doubles per attempt
 * @param maxBackoff       the longest backoff
 * @param maxQueued        requests that may wait; more fail with {@link FailureReason#OVERLOADED}
 */
public record BusTiming(Duration replyTimeout, Duration interByteTimeout, int maxReplyBytes, Duration backoff,
                        Duration maxBackoff, int maxQueued) {

    public BusTiming {
        positive("replyTimeout", replyTimeout);
        positive("interByteTimeout", interByteTimeout);
        positive("backoff", backoff);
        positive("maxBackoff", maxBackoff);
        if (maxReplyBytes < 1 || maxReplyBytes > 4096) {
            throw new IllegalArgumentException("maxReplyBytes " + maxReplyBytes + " is outside 1..4096");
        }
        if (maxQueued < 1) {
            throw new IllegalArgumentException("maxQueued " + maxQueued + " is not positive");
        }
        if (maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is shorter than backoff " + backoff);
        }
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " " + d + " is not positive");
        }
    }

    /**
     * DL/T 645-2007 on RS-485: 500 ms reply timeout, 100 ms inter-byte silence (a meter
     * sends its reply in one burst; the standard's 500 ms frame gap is the meter's limit, not
     * the master's), replies up to 220 bytes with preamble, backoff 200 ms up to 2 s, 8,192 queued.
     */
    public static BusTiming dlt645() {
        return new BusTiming(Duration.ofMillis(500), Duration.ofMillis(100), 220, Duration.ofMillis(200),
                Duration.ofSeconds(2), 8192);
    }

    /** This timing with another reply timeout. */
    public BusTiming withReplyTimeout(Duration timeout) {
        return new BusTiming(timeout, interByteTimeout, maxReplyBytes, backoff, maxBackoff, maxQueued);
    }
}
