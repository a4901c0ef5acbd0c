package org.openami.sim.serial;

import java.time.Duration;

/**
 * Where a {@link SerialDevice} puts its answer: the line's transmit side toward the client.
 */
@FunctionalInterface
public interface ReplySink {

    /**
     * Sends {@code reply} to the client after {@code delayBeforeFirstByte} of silence (the
     * device's turnaround time), then byte by byte at the line's baud rate.
     *
     * <p>Blocks the calling thread until the last byte has been handed to the line, i.e.
     * for the delay plus the reply's wire time. Thread-safe: replies from several threads
     * go out one after another, never interleaved. The array is copied before sending.
     *
     * <p>Never throws for a closed line: a reply to an unplugged cable simply vanishes, as
     * it would on real hardware. An interrupt ends the wait and drops the rest of the reply,
     * leaving the thread's interrupt flag set.
     *
     * @param reply                bytes to send, possibly empty
     * @param delayBeforeFirstByte silence before the first byte, zero or positive
     * @throws java.io.UncheckedIOException if the pseudo-terminal fails unexpectedly
     */
    void send(byte[] reply, Duration delayBeforeFirstByte);
}
