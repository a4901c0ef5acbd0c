package org.openami.meter.link;

import java.time.Duration;

/**
 * A snapshot of a DL/T 645 slave transport's counters since it opened. Immutable; counters
 * only grow, so two snapshots can be subtracted.
 *
 * @param framesReceived      valid frames decoded, requests and other meters' replies alike
 * @param framesAnswered      replies put on the line (on a {@link MultiDropBus}, a collision
 *                            counts as one)
 * @param bytesReceived       bytes read from the line
 * @param bytesDiscarded      bytes not part of a valid frame: noise, FE preambles, the bytes of
 *                            dropped frames
 * @param framesDropped       damaged frames given up: bad checksum, impossible length,
 *                            truncated, inter-byte timeout...
 * @param handlerErrors       requests whose {@link FrameHandler} threw or returned null
 * @param repliesWithheld     replies not sent: answers to a broadcast (a handler bug), and
 *                            on a {@link SerialSlaveLink} replies that were ready too late
 *                            (beyond {@link LinkSettings#MAX_TURNAROUND})
 * @param collisions          requests answered by more than one meter at once
 *                            ({@link MultiDropBus} only)
 * @param echoBytesIgnored    our own reply bytes that came back and were discarded
 *                            ({@link LinkOptions#ignoreEcho()} only)
 * @param baudChanges         baud-rate changes carried out after a reply
 * @param portReopens         times the port was closed and opened again (a baud change the
 *                            open port refused, or a read error)
 * @param minReplyLatency     shortest time from the end of a request (when its last byte was
 *                            read) to the start of the reply; zero if none was answered
 * @param meanReplyLatency    mean of the same; zero if none was answered
 * @param maxReplyLatency     longest of the same; zero if none was answered
 */
public record LinkStatistics(long framesReceived, long framesAnswered, long bytesReceived, long bytesDiscarded,
        long framesDropped, long handlerErrors, long repliesWithheld, long collisions, long echoBytesIgnored,
        long baudChanges, long portReopens, Duration minReplyLatency, Duration meanReplyLatency,
        Duration maxReplyLatency) {
}
