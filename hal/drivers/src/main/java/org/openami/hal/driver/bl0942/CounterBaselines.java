package org.openami.hal.driver.bl0942;

import java.util.OptionalLong;
import org.openami.hal.metering.EnergyAccumulator;
import org.openami.hal.metering.EnergyQuantity;

/** The last raw counter value the {@link EnergyAccumulator} holds for a quantity. */
final class CounterBaselines {

    /** A counter's baseline: the raw value last sampled, and whether there is one. */
    record Baseline(long raw, boolean known) {
    }

    private CounterBaselines() {
    }

    static Baseline of(EnergyAccumulator.State state, EnergyQuantity q) {
        OptionalLong raw = state.lastRaw(q);
        return new Baseline(raw.orElse(0), raw.isPresent());
    }
}
