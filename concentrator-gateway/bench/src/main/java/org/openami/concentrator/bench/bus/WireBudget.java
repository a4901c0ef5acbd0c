package org.openami.concentrator.bench.bus;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The physical limit of polling on a half-duplex bus: one read costs the request's and the
 * reply's wire time (every byte on the wire, FE preamble included, at {@code bitsPerByte}
 * bits, 11 in 8E1) plus the meter's turnaround. Immutable.
 *
 * @param requestBytes bytes the master sends per read
 * @param replyBytes   bytes the meter sends back per read
 * @param baud         line speed
 * @param bitsPerByte  start + data + parity + stop bits
 * @param turnaround   the meter's configured delay between the end of a request and its reply
 */
public record WireBudget(int requestBytes, int replyBytes, int baud, int bitsPerByte, Duration turnaround) {

    public WireBudget {
        Objects.requireNonNull(turnaround, "turnaround");
        if (requestBytes < 1 || replyBytes < 1 || baud < 1 || bitsPerByte < 1) {
            throw new IllegalArgumentException("request " + requestBytes + " B, reply " + replyBytes + " B, " + baud
                    + " baud, " + bitsPerByte + " bits a byte: all must be positive");
        }
    }

    /** Wire time of request and reply, seconds. */
    public double wireSeconds() {
        return (double) (requestBytes + replyBytes) * bitsPerByte / baud;
    }

    /** Theoretical time of one read, seconds: wire time plus turnaround. */
    public double secondsPerRead() {
        return wireSeconds() + turnaround.toNanos() / 1e9;
    }

    /** Theoretical maximum reads per second on one bus. */
    public double readsPerSecond() {
        return 1 / secondsPerRead();
    }

    /** Achieved reads per second over the theoretical maximum. */
    public double utilisation(double achievedReadsPerSecond) {
        return achievedReadsPerSecond / readsPerSecond();
    }

    /** E.g. {@code request 20 B + reply 24 B, x 11 bits / 2400 baud = 201.7 ms, + 20 ms turnaround = 221.7 ms a read}. */
    public String describe() {
        return String.format(Locale.ROOT, "request %d B + reply %d B, x %d bits / %d baud = %.1f ms, + %d ms turnaround"
                        + " = %.1f ms a read", requestBytes, replyBytes, bitsPerByte, baud, wireSeconds() * 1e3,
                turnaround.toMillis(), secondsPerRead() * 1e3);
    }
}
