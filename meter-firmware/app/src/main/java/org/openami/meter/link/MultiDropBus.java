package org.openami.meter.link;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openami.dlt645.Dlt645Decoder;
import org.openami.dlt645.Dlt645Frame;
import org.openami.sim.serial.ReplySink;
import org.openami.sim.serial.SerialDevice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several meters' {@link FrameHandler}s on one simulated RS-485 bus, as a
 * {@link SerialDevice} for a {@link org.openami.sim.serial.VirtualSerialLine} (see
 * {@link SimulatedBus}). Every meter sees every frame; only addressed meters answer.
 *
 * <p><b>Model.</b> One decoder serves the whole bus, since all meters hear the same bytes.
 * Each valid request goes to every handler, in list order. Then:
 * <ul>
 *   <li>no reply: the bus stays silent;</li>
 *   <li>a broadcast ({@code 999999999999}): handlers may act on it, but the bus stays silent
 *       even if some answer (logged as a bug, counted as withheld);</li>
 *   <li>one reply: it goes out, FE preamble first, {@code turnaround} after the request
 *       ended (or as soon as the handler returned, if later), paced by the line;</li>
 *   <li>several replies (e.g. a wildcard {@code AAAAAAAAAAAA} read-address with more than one
 *       meter on the line): an RS-485 <b>collision</b>, see {@link #collide}.</li>
 * </ul>
 * Frames sent by meters (D7 set) are not passed to handlers. A {@link SlaveReply#thenChangeBaud}
 * request is logged and ignored: the simulated line keeps its pacing rate (a pty has no real
 * rate, so a master that switches still talks to the bus).
 *
 * <p><b>Timing.</b> The end of a request is when the line delivered its last byte. Late
 * replies are sent late (a slow simulated meter is a valid test case). A gap longer than the
 * inter-byte timeout is noticed when the next bytes arrive, which is when it matters.
 *
 * <p><b>Threading.</b> {@link #onBytes} runs on the line's reader thread and blocks it for
 * the turnaround and the reply's wire time (the bus is half duplex). {@link #statistics()}
 * is thread-safe. Handler exceptions are counted and logged in one line.
 */
public final class MultiDropBus implements SerialDevice {

    private static final Logger LOG = LoggerFactory.getLogger(MultiDropBus.class);
    private static final int IDLE_LINE = 0xFF;

    private final List<FrameHandler> meters;
    private final long turnaroundNanos;
    private final int preamble;
    private final long idleLimitNanos;
    private final Dlt645Decoder decoder;
    private final StatisticsRecorder stats = new StatisticsRecorder();
    private long lastBytes;
    private boolean anyBytes;

    /** A bus with the DL/T 645 inter-byte timeout of 500 ms. */
    public MultiDropBus(List<FrameHandler> meters, Duration turnaround, int preamble) {
        this(meters, turnaround, preamble, Dlt645Decoder.DEFAULT_IDLE_LIMIT);
    }

    /**
     * @param meters           the meters on the bus (copied; may be empty)
     * @param turnaround       silence before a reply, zero or more (out-of-spec values allowed
     *                         here, to simulate misbehaving meters)
     * @param preamble         FE bytes before each reply, 0..4
     * @param interByteTimeout a longer gap inside a frame drops it; positive
     * @throws IllegalArgumentException if a value is out of range
     */
    public MultiDropBus(List<FrameHandler> meters, Duration turnaround, int preamble, Duration interByteTimeout) {
        this.meters = List.copyOf(meters);
        if (turnaround.isNegative()) {
            throw new IllegalArgumentException("negative turnaround " + turnaround);
        }
        if (preamble < 0 || preamble > LinkSettings.MAX_PREAMBLE) {
            throw new IllegalArgumentException("preamble must be 0..4 FE bytes: " + preamble);
        }
        this.turnaroundNanos = turnaround.toNanos();
        this.preamble = preamble;
        this.idleLimitNanos = interByteTimeout.toNanos();
        this.decoder = new Dlt645Decoder(interByteTimeout, e -> LOG.debug("bus: dropped {}", e.getMessage()));
    }

    /**
     * The collision model: several meters transmitting at once on a two-wire RS-485 bus.
     * All replies start together (same turnaround), so their characters line up; each bit is
     * the wired AND of the transmitters (a driven 0, space, wins over 1, mark, as on an
     * open-collector line and in practice on most transceivers fighting each other); after a
     * shorter reply ends, its driver is idle (mark, all ones) and the longer reply goes on
     * undisturbed. The result differs from every reply wherever they differ, so the master
     * sees the checksum (usually also address and data) fail. Not modelled: parity and framing
     * errors (a pty carries no parity), bit slips between transmitters.
     *
     * <p>A collision can still decode as a valid frame by coincidence (roughly one time in
     * 256, when the AND of the checksums equals the checksum of the ANDed bytes): a
     * concentrator's discovery should confirm an address found with a wildcard read by a
     * directed read.
     *
     * @param transmissions the wire bytes of each reply, preamble included; not empty
     * @return what the master receives: as long as the longest transmission
     */
    public static byte[] collide(List<byte[]> transmissions) {
        if (transmissions.isEmpty()) {
            throw new IllegalArgumentException("no transmission");
        }
        int length = transmissions.stream().mapToInt(t -> t.length).max().getAsInt();
        byte[] line = new byte[length];
        Arrays.fill(line, (byte) IDLE_LINE);
        for (byte[] t : transmissions) {
            for (int i = 0; i < t.length; i++) {
                line[i] &= t[i];
            }
        }
        return line;
    }

    /** A snapshot of the bus counters; {@link LinkStatistics#collisions()} counts collisions. */
    public LinkStatistics statistics() {
        return stats.snapshot();
    }

    @Override
    public void onBytes(byte[] data, int len, ReplySink sink) {
        long now = System.nanoTime();
        stats.bytesReceived(len);
        if (anyBytes && now - lastBytes > idleLimitNanos) {
            decoder.idle(Duration.ofNanos(now - lastBytes));
        }
        anyBytes = true;
        lastBytes = now;
        List<Dlt645Frame> frames = decoder.feed(data, 0, len);
        stats.decoder(decoder.discardedBytes(), decoder.droppedFrames());
        for (Dlt645Frame frame : frames) {
            onFrame(frame, now, sink);
        }
    }

    private void onFrame(Dlt645Frame frame, long requestEnd, ReplySink sink) {
        stats.frameReceived();
        if (frame.control().isFromMeter()) {
            return;
        }
        List<byte[]> replies = new ArrayList<>(1);
        for (int i = 0; i < meters.size(); i++) {
            Optional<SlaveReply> answer;
            try {
                answer = Objects.requireNonNull(meters.get(i).handle(frame), "handler returned null");
            } catch (RuntimeException e) {
                stats.handlerError();
                LOG.warn("bus: meter #{} failed on {}: {}{}; no reply", i, frame, e, SerialSlaveLink.where(e));
                continue;
            }
            if (answer.isPresent()) {
                SlaveReply reply = answer.get();
                if (reply.baudAfterReply().isPresent()) {
                    LOG.warn("bus: meter #{} asks for {} baud after its reply; not simulated, the line keeps its rate", i,
                            reply.baudAfterReply().getAsInt());
                }
                replies.add(reply.frame().encode(preamble));
            }
        }
        if (replies.isEmpty()) {
            return;
        }
        if (frame.address().isBroadcast()) {
            stats.repliesWithheld(replies.size());
            LOG.warn("bus: bug: {} meter(s) answered broadcast {}; nothing sent, meters never answer a broadcast",
                    replies.size(), frame);
            return;
        }
        byte[] wire;
        if (replies.size() == 1) {
            wire = replies.get(0);
        } else {
            stats.collision();
            wire = collide(replies);
            LOG.debug("bus: {} meters answer {} at once: collision", replies.size(), frame);
        }
        long delay = Math.max(0, requestEnd + turnaroundNanos - System.nanoTime());
        stats.frameAnswered(System.nanoTime() + delay - requestEnd);
        sink.send(wire, Duration.ofNanos(delay));
    }
}
