package org.openami.dlt645.data;

import java.util.Objects;

/**
 * Packed BCD numbers as DL/T 645-2007 carries them: two decimal digits a byte, the least
 * significant byte first on the wire. A signed item uses bit 7 of its highest byte (the
 * last byte on the wire) as the sign, 1 = negative, leaving 2n-1 digits plus a leading digit
 * of 0..7 for the magnitude. Stateless and thread-safe.
 */
public final class Bcd {

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /** Longest item handled, in bytes (16 digits fit a long). */
    public static final int MAX_BYTES = 8;

    private Bcd() {
    }

    /** Whether both nibbles of {@code b} (0..255) are decimal digits. */
    public static boolean isValid(int b) {
        return (b & 0x0F) <= 9 && (b & 0xF0) <= 0x90;
    }

    /** One BCD byte as 0..99; {@code offset} is reported in the exception. */
    public static int toInt(byte b, int offset) {
        int v = b & 0xFF;
        if (!isValid(v)) {
            throw new BcdFormatException("not a BCD byte", offset, v);
        }
        return (v >> 4) * 10 + (v & 0x0F);
    }

    /** 0..99 as one BCD byte. */
    public static byte fromInt(int value) {
        if (value < 0 || value > 99) {
            throw new IllegalArgumentException("not two decimal digits: " + value);
        }
        return (byte) ((value / 10) << 4 | value % 10);
    }

    /** Largest unsigned value {@code bytes} bytes hold: 10^(2n) - 1. */
    public static long maxUnsigned(int bytes) {
        checkSize(bytes);
        return POW10[2 * bytes] - 1;
    }

    /** Largest magnitude a signed item of {@code bytes} bytes holds: 8 x 10^(2n-1) - 1. */
    public static long maxSigned(int bytes) {
        checkSize(bytes);
        return 8 * POW10[2 * bytes - 1] - 1;
    }

    /** Reads {@code len} bytes low byte first as an unsigned BCD number. */
    public static long decodeUnsigned(byte[] src, int off, int len) {
        checkSize(len);
        Objects.checkFromIndexSize(off, len, src.length);
        long value = 0;
        for (int i = len - 1; i >= 0; i--) {
            value = value * 100 + toInt(src[off + i], off + i);
        }
        return value;
    }

    /** Writes {@code value} into {@code len} bytes low byte first; rejects values that do not fit. */
    public static void encodeUnsigned(long value, byte[] dst, int off, int len) {
        checkSize(len);
        Objects.checkFromIndexSize(off, len, dst.length);
        if (value < 0 || value > maxUnsigned(len)) {
            throw new IllegalArgumentException(value + " does not fit " + len + " BCD bytes");
        }
        long rest = value;
        for (int i = 0; i < len; i++) {
            dst[off + i] = fromInt((int) (rest % 100));
            rest /= 100;
        }
    }

    /**
     * Reads a signed item: bit 7 of the highest byte is the sign. A negative zero decodes
     * as 0.
     */
    public static long decodeSigned(byte[] src, int off, int len) {
        checkSize(len);
        Objects.checkFromIndexSize(off, len, src.length);
        int top = src[off + len - 1] & 0xFF;
        boolean negative = (top & 0x80) != 0;
        long value = toInt((byte) (top & 0x7F), off + len - 1);
        for (int i = len - 2; i >= 0; i--) {
            value = value * 100 + toInt(src[off + i], off + i);
        }
        return negative ? -value : value;
    }

    /** Writes a signed item; the magnitude must not exceed {@link #maxSigned(int)}. */
    public static void encodeSigned(long value, byte[] dst, int off, int len) {
        long max = maxSigned(len);
        if (value < -max || value > max) {
            throw new IllegalArgumentException(value + " does not fit " + len + " signed BCD bytes");
        }
        encodeUnsigned(Math.abs(value), dst, off, len);
        if (value < 0) {
            dst[off + len - 1] |= (byte) 0x80;
        }
    }

    private static void checkSize(int bytes) {
        if (bytes < 1 || bytes > MAX_BYTES) {
            throw new IllegalArgumentException("BCD item of " + bytes + " bytes");
        }
    }
}
