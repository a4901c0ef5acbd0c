package org.openami.dlt645;

import java.util.Optional;

/**
 * Bytes that are not a valid DL/T 645-2007 frame. Thrown by {@link Dlt645Frame#decode(byte[])}
 * and handed to the drop listener of a {@link Dlt645Decoder}. Carries what a caller needs to
 * log or count the failure: the {@link Reason}, the dropped bytes, and the address and control
 * code when the frame got that far (so a concentrator knows which meter's reply was damaged).
 * A meter never answers a dropped frame: DL/T 645 has no reply to a damaged request.
 *
 * <p>It describes input, not a program fault, so it records no stack trace.
 */
public final class Dlt645FormatException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why bytes were dropped, in the order the frame is read. */
    public enum Reason {
        /** The first byte (after FE preambles) is not 68H. Only from one-shot decoding. */
        NO_START,
        /** An address byte is neither BCD nor a leading AA, or a reply carries a wildcard or broadcast address. */
        BAD_ADDRESS,
        /** The byte after the address is not the second 68H. */
        NO_SECOND_START,
        /** Unknown function code, or direction/abnormal/follow-up flags that cannot go together. */
        BAD_CONTROL,
        /**
         * L above the limit (200 in a reply, 50 in a request), an abnormal reply whose L is
         * not 1, or (one-shot decoding) bytes left after the end 16H.
         */
        BAD_LENGTH,
        /** The data breaks a rule of its control code: an error byte with the reserved bit 7 set. */
        BAD_DATA,
        /** CS is not the sum mod 256 of the bytes from the first 68H to the last data byte. */
        BAD_CHECKSUM,
        /** The byte after CS is not 16H. */
        NO_END,
        /** The frame stopped short: the input ended, or a complete valid frame started inside it. */
        TRUNCATED,
        /** The line was idle longer than the inter-byte limit (500 ms) in the middle of the frame. */
        TIMEOUT
    }

    private final Reason reason;
    private final byte[] bytes;
    private final MeterAddress address;
    private final ControlCode control;

    /**
     * @param reason  why the bytes were dropped
     * @param detail  a human-readable explanation
     * @param bytes   the dropped bytes from the first 68H (copied)
     * @param address the address if it was read, or null
     * @param control the control code if it was read, or null
     */
    public Dlt645FormatException(Reason reason, String detail, byte[] bytes, MeterAddress address, ControlCode control) {
        super(reason + ": " + detail + " [" + Hex.of(bytes) + "]", null, false, false);
        this.reason = reason;
        this.bytes = bytes.clone();
        this.address = address;
        this.control = control;
    }

    public Reason reason() {
        return reason;
    }

    /** The dropped bytes from the first 68H (a copy); at most {@link Dlt645Frame#MAX_FRAME_BYTES}. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The address field, if the frame got past it. */
    public Optional<MeterAddress> address() {
        return Optional.ofNullable(address);
    }

    /** The control code, if the frame got past it. */
    public Optional<ControlCode> control() {
        return Optional.ofNullable(control);
    }
}
