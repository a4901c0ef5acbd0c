package org.openami.concentrator.modbus;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import org.openami.concentrator.model.Quantity;

/**
 * One quantity in a {@link RegisterMap}: where it is, how it is encoded, and how the raw
 * number becomes the quantity's integer unit ({@code value = round(raw x scale)}, half away
 * from zero). Immutable.
 *
 * @param quantity  what it measures
 * @param function  input or holding register
 * @param address   first register, protocol address 0..65535 (register 30001 is address 0)
 * @param type      encoding
 * @param wordOrder register order of 32-bit types
 * @param scale     factor from the raw number to {@link Quantity#unit()} (kWh to Wh: 1000), not 0
 */
public record RegisterEntry(Quantity quantity, RegisterFunction function, int address, DataType type,
                            WordOrder wordOrder, BigDecimal scale) {

    public RegisterEntry {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(wordOrder, "wordOrder");
        Objects.requireNonNull(scale, "scale");
        if (address < 0 || address + type.words() > 0x10000) {
            throw new IllegalArgumentException("address " + address + " is outside 0..65535 for " + type.fileName());
        }
        if (scale.signum() == 0) {
            throw new IllegalArgumentException("scale is 0");
        }
    }

    /** Registers this entry takes. */
    public int words() {
        return type.words();
    }

    /** The register after the last one of this entry. */
    public int end() {
        return address + type.words();
    }

    /**
     * Converts this entry's registers, found at {@code regs[at..]}.
     *
     * @throws InvalidValueException for NaN, infinity, or a result outside {@code long}
     */
    public long convert(int[] regs, int at) throws InvalidValueException {
        BigDecimal raw = type.decode(regs, at, wordOrder);
        if (raw == null) {
            float f = Float.intBitsToFloat(wordOrder == WordOrder.BIG
                    ? regs[at] << 16 | regs[at + 1] & 0xFFFF : regs[at + 1] << 16 | regs[at] & 0xFFFF);
            throw new InvalidValueException(QuantityFailure.Cause.NOT_FINITE,
                    String.format("%s at 0x%04X is %s", quantity, address, f));
        }
        BigDecimal scaled = raw.multiply(scale).setScale(0, RoundingMode.HALF_UP);
        try {
            return scaled.longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidValueException(QuantityFailure.Cause.OUT_OF_RANGE,
                    String.format("%s at 0x%04X: %s x %s does not fit 64 bits", quantity, address,
                            raw.toPlainString(), scale.toPlainString()));
        }
    }

    /** A value read from a meter that cannot be turned into an integer reading. */
    public static final class InvalidValueException extends Exception {
        private static final long serialVersionUID = 1L;
        private final QuantityFailure.Cause cause;

        InvalidValueException(QuantityFailure.Cause cause, String message) {
            super(message);
            this.cause = cause;
        }

        /** {@link QuantityFailure.Cause#NOT_FINITE} or {@link QuantityFailure.Cause#OUT_OF_RANGE}. */
        public QuantityFailure.Cause failureCause() {
            return cause;
        }
    }
}
