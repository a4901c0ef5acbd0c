package org.openami.concentrator.dlt645.relay;

import java.time.Duration;
import java.util.Objects;

/**
 * How often {@link RelayActuator} sends a command again when it failed or the relay did not
 * follow, and how long it waits in between: {@code firstDelay} before the second attempt,
 * doubling up to {@code maxDelay}. Every attempt is a new command with a new counter.
 *
 * @param attempts   commands at most, 1..10
 * @param firstDelay wait before the second attempt, positive
 * @param maxDelay   longest wait, at least {@code firstDelay}
 */
public record RelayRetry(int attempts, Duration firstDelay, Duration maxDelay) {

    /** 3 attempts, 1 s then 2 s apart. */
    public static final RelayRetry DEFAULT = new RelayRetry(3, Duration.ofSeconds(1), Duration.ofSeconds(8));

    public RelayRetry {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("attempts " + attempts + " is outside 1..10");
        }
        if (firstDelay.isNegative() || firstDelay.isZero()) {
            throw new IllegalArgumentException("first delay " + firstDelay + " is not positive");
        }
        if (maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("max delay " + maxDelay + " is below the first delay " + firstDelay);
        }
    }

    /** The wait before attempt {@code n} (2..attempts). */
    public Duration delayBefore(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("attempt " + n + " has no delay before it");
        }
        Duration d = firstDelay;
        for (int i = 2; i < n && d.compareTo(maxDelay) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }
}
