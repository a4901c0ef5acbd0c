package org.openami.sim.serial;

/**
 * Time that bytes occupy on an asynchronous serial wire. A character is a start bit, the
 * data bits, an optional parity bit and the stop bits: 10 bits for 8N1, 11 for 8E1
 * (Modbus RTU, most meter buses), 10 for 7E1 (IEC 62056-21 optical port).
 * Pure functions, thread-safe, never block.
 */
public final class LineTiming {

    /** Bits per character for 8 data bits, no parity, 1 stop bit. */
    public static final int BITS_8N1 = 10;
    /** Bits per character for 8 data bits, even parity, 1 stop bit. */
    public static final int BITS_8E1 = 11;
    /** Bits per character for 7 data bits, even parity, 1 stop bit. */
    public static final int BITS_7E1 = 10;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private LineTiming() {
    }

    /**
     * @param baud        line speed in bits per second, positive
     * @param bitsPerByte bits per character on the wire, including start, parity and stop
     * @return nanoseconds one character takes, rounded up
     * @throws IllegalArgumentException if an argument is not positive
     */
    public static long byteNanos(int baud, int bitsPerByte) {
        return frameNanos(1, baud, bitsPerByte);
    }

    /**
     * Exact wire time of {@code bytes} back-to-back characters, rounded up once (not the
     * rounded {@link #byteNanos} times {@code bytes}).
     *
     * @param bytes       number of characters, zero or more
     * @param baud        line speed in bits per second, positive
     * @param bitsPerByte bits per character on the wire, positive
     * @return nanoseconds the characters take
     * @throws IllegalArgumentException if {@code bytes} is negative or another argument is
     *                                  not positive
     * @throws ArithmeticException      if the result does not fit a {@code long}
     */
    public static long frameNanos(int bytes, int baud, int bitsPerByte) {
        if (bytes < 0 || baud <= 0 || bitsPerByte <= 0) {
            throw new IllegalArgumentException(
                    "bytes=" + bytes + ", baud=" + baud + ", bitsPerByte=" + bitsPerByte);
        }
        long bitNanos = Math.multiplyExact(Math.multiplyExact((long) bytes, bitsPerByte), NANOS_PER_SECOND);
        return (bitNanos + baud - 1) / baud;
    }

    /**
     * How many whole characters have left the transmitter {@code elapsedNanos} after the
     * first start bit; the inverse of {@link #frameNanos}.
     *
     * @return characters fully sent, zero or more
     * @throws IllegalArgumentException if {@code baud} or {@code bitsPerByte} is not positive
     */
    public static long bytesSentWithin(long elapsedNanos, int baud, int bitsPerByte) {
        if (baud <= 0 || bitsPerByte <= 0) {
            throw new IllegalArgumentException("baud=" + baud + ", bitsPerByte=" + bitsPerByte);
        }
        if (elapsedNanos <= 0) {
            return 0;
        }
        // floor(elapsed * baud / 1e9), split so that no product overflows
        long bits = elapsedNanos / NANOS_PER_SECOND * baud
                + elapsedNanos % NANOS_PER_SECOND * baud / NANOS_PER_SECOND;
        return bits / bitsPerByte;
    }
}
