package org.openami.hal.driver.bl0942;

import java.nio.ByteBuffer;
import org.openami.hal.metering.EnergyAccumulator;
import org.openami.hal.metering.EnergyQuantity;

/**
 * Reads the last raw counter value the {@link EnergyAccumulator} holds for a quantity.
 *
 * <p>The HAL's {@code EnergyAccumulator.State} exposes it only through its persistence
 * form {@link EnergyAccumulator.State#toBytes()} (format 1: a format byte, then per quantity
 * in ordinal order the last raw value as a big-endian long, a known flag byte and the
 * remainder as a long). This class is the one place that relies on that layout, and it
 * refuses any other format loudly. It goes away once the State offers a
 * {@code lastRaw(EnergyQuantity)} accessor.
 */
final class CounterBaselines {

    private static final int FORMAT = 1;
    private static final int PER_QUANTITY = Long.BYTES + 1 + Long.BYTES;

    /** A counter's baseline: the raw value last sampled, and whether there is one. */
    record Baseline(long raw, boolean known) {
    }

    private CounterBaselines() {
    }

    static Baseline of(EnergyAccumulator.State state, EnergyQuantity q) {
        byte[] b = state.toBytes();
        if (b.length != EnergyAccumulator.State.BYTES || b.length != 1 + EnergyQuantity.values().length * PER_QUANTITY
                || b[0] != FORMAT) {
            throw new IllegalStateException("EnergyAccumulator.State format changed (" + b.length
                    + " bytes, format " + b[0] + "): the BL0942 driver needs State.lastRaw(EnergyQuantity)");
        }
        int off = 1 + q.ordinal() * PER_QUANTITY;
        return new Baseline(ByteBuffer.wrap(b).getLong(off), b[off + Long.BYTES] == 1);
    }
}
