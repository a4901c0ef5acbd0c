package org.openami.meter.link;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Character format and timing of a DL/T 645-2007 serial line, validated when built.
 * Immutable and thread-safe.
 *
 * @param baud             line speed, one of {@link #SUPPORTED_BAUDS} (the rates control
 *                         code 17H can select)
 * @param dataBits         5..8; DL/T 645 uses 8
 * @param parity           DL/T 645 uses {@link Parity#EVEN}
 * @param stopBits         1 or 2; DL/T 645 uses 1
 * @param turnaround       silence between the end of a request and the first byte of the
 *                         reply: {@link #MIN_TURNAROUND} to {@link #MAX_TURNAROUND} (DL/T 645
 *                         Td, 20..500 ms)
 * @param preamble         FE bytes sent before each reply, 0..4
 * @param interByteTimeout a silence longer than this in the middle of a frame ends it
 *                         (DL/T 645: 500 ms); positive. A {@link SerialSlaveLink} notices
 *                         silences with jSerialComm read timeouts, which Linux rounds up to
 *                         100 ms steps
 */
public record LinkSettings(int baud, int dataBits, Parity parity, int stopBits, Duration turnaround, int preamble,
        Duration interByteTimeout) {

    /** Parity bit of each character. */
    public enum Parity { NONE, EVEN, ODD }

    /** The rates of the DL/T 645-2007 baud-rate feature word (17H): 600 to 19200. */
    public static final Set<Integer> SUPPORTED_BAUDS =
            java.util.Collections.unmodifiableSet(new TreeSet<>(Set.of(600, 1200, 2400, 4800, 9600, 19200)));
    /** Shortest turnaround DL/T 645-2007 allows (Td). */
    public static final Duration MIN_TURNAROUND = Duration.ofMillis(20);
    /** Longest turnaround DL/T 645-2007 allows (Td). */
    public static final Duration MAX_TURNAROUND = Duration.ofMillis(500);
    /** Most FE preamble bytes before a frame. */
    public static final int MAX_PREAMBLE = 4;

    /**
     * @throws NullPointerException     if a reference is null
     * @throws IllegalArgumentException if a value is outside the ranges above
     */
    public LinkSettings {
        requireSupportedBaud(baud);
        Objects.requireNonNull(parity, "parity");
        Objects.requireNonNull(turnaround, "turnaround");
        Objects.requireNonNull(interByteTimeout, "interByteTimeout");
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("data bits must be 5..8: " + dataBits);
        }
        if (stopBits != 1 && stopBits != 2) {
            throw new IllegalArgumentException("stop bits must be 1 or 2: " + stopBits);
        }
        if (turnaround.compareTo(MIN_TURNAROUND) < 0 || turnaround.compareTo(MAX_TURNAROUND) > 0) {
            throw new IllegalArgumentException("turnaround must be 20..500 ms (DL/T 645 Td): " + turnaround.toMillis() + " ms");
        }
        if (preamble < 0 || preamble > MAX_PREAMBLE) {
            throw new IllegalArgumentException("preamble must be 0..4 FE bytes: " + preamble);
        }
        if (interByteTimeout.isNegative() || interByteTimeout.isZero()) {
            throw new IllegalArgumentException("inter-byte timeout must be positive: " + interByteTimeout);
        }
    }

    /** 2400 baud 8E1, turnaround 20 ms, preamble FE FE FE FE, inter-byte timeout 500 ms. */
    public static LinkSettings dlt645Default() {
        return new LinkSettings(2400, 8, Parity.EVEN, 1, MIN_TURNAROUND, MAX_PREAMBLE, Duration.ofMillis(500));
    }

    /** These settings at another rate. */
    public LinkSettings withBaud(int newBaud) {
        return new LinkSettings(newBaud, dataBits, parity, stopBits, turnaround, preamble, interByteTimeout);
    }

    /** These settings with another turnaround. */
    public LinkSettings withTurnaround(Duration newTurnaround) {
        return new LinkSettings(baud, dataBits, parity, stopBits, newTurnaround, preamble, interByteTimeout);
    }

    /** These settings with another number of FE preamble bytes. */
    public LinkSettings withPreamble(int newPreamble) {
        return new LinkSettings(baud, dataBits, parity, stopBits, turnaround, newPreamble, interByteTimeout);
    }

    /** Bits one character takes on the wire: start + data + parity + stop (11 for 8E1). */
    public int bitsPerByte() {
        return 1 + dataBits + (parity == Parity.NONE ? 0 : 1) + stopBits;
    }

    /** Wire time of {@code bytes} back-to-back characters, in nanoseconds, rounded up. */
    public long wireNanos(int bytes) {
        return ((long) bytes * bitsPerByte() * 1_000_000_000L + baud - 1) / baud;
    }

    /** @throws IllegalArgumentException if {@code baud} is not in {@link #SUPPORTED_BAUDS} */
    static int requireSupportedBaud(int baud) {
        if (!SUPPORTED_BAUDS.contains(baud)) {
            throw new IllegalArgumentException("baud must be one of " + SUPPORTED_BAUDS + ": " + baud);
        }
        return baud;
    }

    /** E.g. {@code 2400 8E1, Td 20 ms, 4 FE, gap 500 ms}. */
    @Override
    public String toString() {
        return baud + " " + dataBits + parity.name().charAt(0) + stopBits + ", Td " + turnaround.toMillis() + " ms, "
                + preamble + " FE, gap " + interByteTimeout.toMillis() + " ms";
    }
}
