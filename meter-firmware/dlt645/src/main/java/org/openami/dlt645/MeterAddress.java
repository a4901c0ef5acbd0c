package org.openami.dlt645;

import java.util.Arrays;
import java.util.Objects;

/**
 * The 6-byte address field of a DL/T 645-2007 frame: 12 BCD digits, written high digit
 * first ({@code 000102030425}) and sent <b>low byte first</b> ({@code 25 04 03 02 01 00}).
 *
 * <p>Three kinds of value, all immutable:
 * <ul>
 *   <li><b>specific</b>: 12 decimal digits, the address of one meter;</li>
 *   <li><b>wildcard</b>: the unused high bytes are {@code AA} ({@code AAAAAA123456}); all six
 *       {@code AA} ({@link #ANY}) with control code 13H reads the address of the only meter on
 *       the line. {@code AA} is only allowed as a run of whole bytes from the top;</li>
 *   <li><b>broadcast</b> {@code 999999999999} ({@link #BROADCAST}), used only for broadcast
 *       time sync (08H) and broadcast freeze: meters act on it but never answer.</li>
 * </ul>
 */
public final class MeterAddress {

    /** Bytes of the address field. */
    public static final int SIZE = 6;
    /** Filler of an unused high byte in a wildcard address. */
    public static final int WILDCARD_BYTE = 0xAA;

    /** {@code 999999999999}: every meter acts, none answers. */
    public static final MeterAddress BROADCAST = parse("999999999999");
    /** {@code AAAAAAAAAAAA}: whichever meter is on the line (read address, 13H). */
    public static final MeterAddress ANY = parse("AAAAAAAAAAAA");

    private final byte[] wire;

    private MeterAddress(byte[] wire) {
        this.wire = wire;
    }

    /**
     * Parses the written form, 12 characters high digit first: decimal digit pairs, with
     * {@code AA} (either case) allowed for leading bytes.
     *
     * @throws IllegalArgumentException for any other text
     */
    public static MeterAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() != 2 * SIZE) {
            throw new IllegalArgumentException("an address is 12 characters: '" + text + "'");
        }
        byte[] wire = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            String pair = text.substring(2 * i, 2 * i + 2);
            int b;
            if (pair.equalsIgnoreCase("AA")) {
                b = WILDCARD_BYTE;
            } else if (isDecimal(pair.charAt(0)) && isDecimal(pair.charAt(1))) {
                b = (pair.charAt(0) - '0') << 4 | (pair.charAt(1) - '0');
            } else {
                throw new IllegalArgumentException("not a digit pair or AA: '" + pair + "' in '" + text + "'");
            }
            wire[SIZE - 1 - i] = (byte) b;
        }
        if (!isValidWire(wire, 0)) {
            throw new IllegalArgumentException("AA only fills leading bytes: '" + text + "'");
        }
        return new MeterAddress(wire);
    }

    /** A specific address from its number, 0..999999999999. */
    public static MeterAddress of(long number) {
        if (number < 0 || number > 999_999_999_999L) {
            throw new IllegalArgumentException("not a 12-digit address: " + number);
        }
        return parse(String.format("%012d", number));
    }

    /**
     * Reads the field as sent, low byte first.
     *
     * @throws IllegalArgumentException if a byte is neither BCD nor a leading {@code AA}
     */
    public static MeterAddress fromWire(byte[] src, int off) {
        Objects.checkFromIndexSize(off, SIZE, src.length);
        if (!isValidWire(src, off)) {
            throw new IllegalArgumentException("not a DL/T 645 address: " + Hex.of(src, off, SIZE));
        }
        return new MeterAddress(Arrays.copyOfRange(src, off, off + SIZE));
    }

    private static boolean isDecimal(char c) {
        return c >= '0' && c <= '9';
    }

    /** Whether a single received address byte can belong to an address (BCD or AA). */
    static boolean isAddressByte(int b) {
        return b == WILDCARD_BYTE || ((b & 0x0F) <= 9 && (b & 0xF0) <= 0x90);
    }

    /** Whether 6 wire bytes form an address: BCD bytes below a run of AA at the top. */
    static boolean isValidWire(byte[] src, int off) {
        int i = SIZE - 1;
        while (i >= 0 && (src[off + i] & 0xFF) == WILDCARD_BYTE) {
            i--;
        }
        for (; i >= 0; i--) {
            int b = src[off + i] & 0xFF;
            if (b == WILDCARD_BYTE || !isAddressByte(b)) {
                return false;
            }
        }
        return true;
    }

    /** The field as sent, low byte first (a copy). */
    public byte[] toWire() {
        return wire.clone();
    }

    /** Writes the field as sent into {@code dst} at {@code off}. */
    public void writeTo(byte[] dst, int off) {
        System.arraycopy(wire, 0, dst, off, SIZE);
    }

    /** Whether this is {@code 999999999999}. */
    public boolean isBroadcast() {
        return equals(BROADCAST);
    }

    /** Whether the high bytes are {@code AA}. */
    public boolean isWildcard() {
        return (wire[SIZE - 1] & 0xFF) == WILDCARD_BYTE;
    }

    /** Whether this names exactly one meter: neither wildcard nor broadcast. */
    public boolean isSpecific() {
        return !isWildcard() && !isBroadcast();
    }

    /**
     * The meter's side of addressing: whether a frame sent to this address is for the meter
     * whose own address is {@code own}. True when the addresses are equal, when every
     * non-{@code AA} byte of this wildcard equals {@code own}'s, and for {@link #BROADCAST}.
     * A meter acts on a broadcast but must not answer it: check {@link #isBroadcast()}.
     *
     * @param own the meter's configured address, which must be specific
     * @throws IllegalArgumentException if {@code own} is a wildcard or the broadcast address
     */
    public boolean matches(MeterAddress own) {
        if (!own.isSpecific()) {
            throw new IllegalArgumentException("a meter's own address is specific, not " + own);
        }
        if (isBroadcast()) {
            return true;
        }
        for (int i = 0; i < SIZE; i++) {
            if ((wire[i] & 0xFF) != WILDCARD_BYTE && wire[i] != own.wire[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MeterAddress && Arrays.equals(wire, ((MeterAddress) o).wire);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(wire);
    }

    /** The written form, high digit first, e.g. {@code 000000000001} or {@code AAAAAA123456}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(2 * SIZE);
        for (int i = SIZE - 1; i >= 0; i--) {
            sb.append(String.format("%02X", wire[i] & 0xFF));
        }
        return sb.toString();
    }
}
