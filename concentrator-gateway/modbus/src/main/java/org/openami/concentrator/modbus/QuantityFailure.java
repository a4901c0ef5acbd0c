package org.openami.concentrator.modbus;

import java.util.Objects;
import org.openami.concentrator.channel.FailureReason;
import org.openami.concentrator.model.Quantity;

/**
 * A quantity of a {@link MeterReadout} that has no value, and why. Immutable.
 *
 * @param quantity what could not be read
 * @param cause    the kind of failure
 * @param exchange how the exchange failed when {@code cause} is {@link Cause#EXCHANGE}, else {@code null}
 * @param message  what was seen ("VOLTAGE_A at 0x0000 is NaN", "no reply within 300 ms")
 */
public record QuantityFailure(Quantity quantity, Cause cause, FailureReason exchange, String message) {

    /** Kinds of failure. */
    public enum Cause {
        /** The meter sent a NaN or infinite float (a meter not yet measuring, a bad register). */
        NOT_FINITE,
        /** The scaled value does not fit a 64-bit integer. */
        OUT_OF_RANGE,
        /** The request for its block of registers failed; see {@link #exchange()}. */
        EXCHANGE
    }

    public QuantityFailure {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(message, "message");
        if ((cause == Cause.EXCHANGE) != (exchange != null)) {
            throw new IllegalArgumentException("exchange reason is given exactly for cause EXCHANGE");
        }
    }
}
