package org.openami.concentrator.prepay;

import java.util.Objects;
import org.openami.concentrator.model.Quantity;

/**
 * Consumption measured by one register between two readings, as charged in a
 * {@link LedgerEntry.Kind#CHARGE} entry.
 *
 * @param quantity the register
 * @param fromTime register instant of the baseline (epoch ms)
 * @param fromWh   baseline value
 * @param toTime   register instant of the new reading (epoch ms)
 * @param toWh     new value, at least {@code fromWh}
 */
public record RegisterDelta(Quantity quantity, long fromTime, long fromWh, long toTime, long toWh) {

    public RegisterDelta {
        Objects.requireNonNull(quantity, "quantity");
        if (toWh < fromWh || toTime <= fromTime) {
            throw new IllegalArgumentException("a delta runs forward: " + fromWh + " Wh at " + fromTime + " to "
                    + toWh + " Wh at " + toTime);
        }
    }

    /** The consumption in Wh. */
    public long wh() {
        return toWh - fromWh;
    }
}
