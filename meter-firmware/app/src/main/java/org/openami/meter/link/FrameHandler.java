package org.openami.meter.link;

import java.util.Optional;
import org.openami.dlt645.Dlt645Frame;

/**
 * The meter's DL/T 645-2007 protocol engine, as seen by the transport: it decides whether
 * and what to answer. The transport owns the line, the timing and the framing.
 *
 * <p><b>Threading.</b> A {@link SerialSlaveLink} calls it on its single reader thread, one
 * frame at a time, never concurrently; a {@link MultiDropBus} calls each meter's handler on
 * the simulated line's reader thread. The time it takes counts against the meter's
 * turnaround, so it should return within a few milliseconds and must not block on I/O.
 *
 * <p><b>What it gets.</b> Every valid request frame seen on the line, whatever its address:
 * checking the address ({@link org.openami.dlt645.MeterAddress#matches}) is the handler's
 * job. Frames sent by meters (direction bit D7 set, e.g. another meter's reply on a shared
 * bus or our own echo) never reach it. Damaged frames are dropped before it.
 *
 * <p><b>Failures.</b> An exception it throws, or a {@code null} result, is counted as a
 * handler error, logged in one line, and the request gets no answer; the transport goes on.
 */
@FunctionalInterface
public interface FrameHandler {

    /**
     * @param request a valid request frame (D7 clear) received on the line
     * @return the reply to send, or empty for no answer (not addressed to this meter,
     *         broadcast, ...). A reply to a broadcast ({@code 999999999999}) is never sent:
     *         the transport withholds it and logs it as a bug
     */
    Optional<SlaveReply> handle(Dlt645Frame request);
}
