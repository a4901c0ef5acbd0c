package org.openami.dlt645.data;

/**
 * Bytes that do not hold a valid value of a DL/T 645 BCD format: a nibble above 9, or a
 * calendar field out of range (month 13, 31 April, hour 24). Carries the position and the
 * value of the offending byte so that a meter can answer "other error" and a concentrator
 * can log which register was corrupt.
 */
public final class BcdFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int offset;
    private final int value;

    /**
     * @param message what rule the byte breaks
     * @param offset  index of the offending byte in the array the caller passed
     * @param value   the offending byte, 0..255
     */
    public BcdFormatException(String message, int offset, int value) {
        super(message + String.format(" (byte %02X at offset %d)", value & 0xFF, offset));
        this.offset = offset;
        this.value = value & 0xFF;
    }

    /** Index of the offending byte in the array that was being decoded. */
    public int offset() {
        return offset;
    }

    /** The offending byte, 0..255. */
    public int value() {
        return value;
    }
}
