package org.openami.meter.demand;

import java.time.Instant;
import java.util.Objects;

/**
 * A maximum demand and when it happened.
 *
 * @param milliwatts average power over the demand window, mW (0 after a reset)
 * @param at         end of the window that set it; {@link Instant#EPOCH} after a reset
 */
public record MaxDemand(long milliwatts, Instant at) {

    public static final MaxDemand NONE = new MaxDemand(0, Instant.EPOCH);

    public MaxDemand {
        Objects.requireNonNull(at, "at");
        if (milliwatts < 0) {
            throw new IllegalArgumentException("demand cannot be negative");
        }
    }
}
