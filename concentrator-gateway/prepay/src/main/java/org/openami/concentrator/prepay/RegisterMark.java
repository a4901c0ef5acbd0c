package org.openami.concentrator.prepay;

import java.util.Objects;
import org.openami.concentrator.model.Quantity;

/**
 * The baseline of one energy register of one meter: the value consumption is charged from, and
 * the register instant it was read at (see {@link PrepayEngine} for how freeze readings map to
 * instants).
 *
 * @param meter    meter address
 * @param quantity the register
 * @param time     epoch milliseconds the value belongs to
 * @param valueWh  register value in Wh
 */
public record RegisterMark(String meter, Quantity quantity, long time, long valueWh) {

    public RegisterMark {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(quantity, "quantity");
    }
}
