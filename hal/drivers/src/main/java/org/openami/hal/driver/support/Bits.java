package org.openami.hal.driver.support;

/** Register value helpers shared by drivers. */
public final class Bits {

    private Bits() {
    }

    /** Big-endian unsigned value of {@code len} bytes at {@code off}. */
    public static long unsignedBe(byte[] b, int off, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    /** Little-endian unsigned value of {@code len} bytes at {@code off}. */
    public static long unsignedLe(byte[] b, int off, int len) {
        long v = 0;
        for (int i = len - 1; i >= 0; i--) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    /** Two's-complement value of the low {@code bits} bits of {@code v}. */
    public static long signExtend(long v, int bits) {
        int shift = 64 - bits;
        return (v << shift) >> shift;
    }

    /** Writes the low {@code len} bytes of {@code v} big-endian at {@code off}. */
    public static void putBe(byte[] b, int off, int len, long v) {
        for (int i = len - 1; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }
}
