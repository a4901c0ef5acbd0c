package org.openami.dlt645;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.openami.dlt645.Dlt645FormatException.Reason;

/**
 * Turns the bytes of a DL/T 645-2007 serial line, in chunks of any size, into frames.
 *
 * <p><b>State machine.</b> Outside a frame the decoder hunts for 68H, skipping FE preambles
 * and noise without holding them. From a 68H on, a {@code FrameParser} walks
 * {@code ADDRESS -> SECOND_START -> CONTROL -> LENGTH -> DATA -> CHECKSUM -> END} and ends in
 * DONE (the frame is returned) or in its terminal BAD state with a {@link Reason}.
 *
 * <p><b>Resynchronisation.</b> A candidate that goes BAD gives up only its first byte: the
 * decoder hunts again from the byte after that 68H, through the bytes it still holds, so a
 * valid frame starting anywhere inside a damaged one, or right after it, is found. A damaged
 * frame never delays a valid one either: whenever a 16H completes a valid frame that started
 * after the candidate in progress (for example after a frame cut short whose L promised more
 * bytes), that frame is returned at once and the unfinished candidate is dropped as
 * {@link Reason#TRUNCATED}. When two frames end at the same byte, the one that started first
 * wins.
 *
 * <p><b>Bounded memory.</b> The decoder holds at most {@link Dlt645Frame#MAX_FRAME_BYTES}
 * bytes (12 + 255) in a fixed array; L above 200 fails at the length byte, so in practice
 * a candidate never exceeds 212 bytes. Nothing grows with the input.
 *
 * <p><b>Reports.</b> Each dropped candidate is handed to the drop listener as a
 * {@link Dlt645FormatException}, synchronously, on the thread that called {@link #feed} or
 * {@link #idle}. Bytes are reported once: candidates that fail while the decoder re-reads
 * bytes already covered by a report (say, the second 68H inside a frame with a bad
 * checksum) are dropped silently. The listener must not throw; if it does, the exception
 * reaches the caller and the decoder should be {@link #reset()}.
 *
 * <p><b>Line gaps.</b> DL/T 645-2007 ends a frame when the line is silent for more than
 * 500 ms between bytes. The decoder keeps no clock: the caller reports gaps with
 * {@link #idle(Duration)}, which drops a partial frame as {@link Reason#TIMEOUT} when the gap
 * exceeds the limit.
 *
 * <p>Not thread-safe: one reader thread owns a decoder.
 */
public final class Dlt645Decoder {

    /** Inter-byte gap that ends a frame, per DL/T 645-2007. */
    public static final Duration DEFAULT_IDLE_LIMIT = Duration.ofMillis(500);

    private final Duration idleLimit;
    private final Consumer<? super Dlt645FormatException> onDrop;
    private final FrameParser parser = new FrameParser();
    private final FrameParser probe = new FrameParser();
    /** Held bytes: window[head] is the 68H of the candidate in progress, window[end - 1] the newest byte. */
    private final byte[] window = new byte[Dlt645Frame.MAX_FRAME_BYTES];
    private int head;
    /** Next held byte the parser has not seen; below {@code end} only while re-reading after a drop. */
    private int cursor;
    private int end;
    /** Stream offset of window[0]. */
    private long base;
    private long fed;
    /** Stream offset of the last byte covered by a drop report. */
    private long reportedUpTo = -1;
    private long discarded;
    private long dropped;

    /** A decoder with the 500 ms limit that ignores dropped frames. */
    public Dlt645Decoder() {
        this(DEFAULT_IDLE_LIMIT, e -> { });
    }

    /** A decoder with the 500 ms limit that reports dropped frames to {@code onDrop}. */
    public Dlt645Decoder(Consumer<? super Dlt645FormatException> onDrop) {
        this(DEFAULT_IDLE_LIMIT, onDrop);
    }

    /**
     * @param idleLimit a gap longer than this ends a partial frame; positive
     * @param onDrop    receives every dropped frame, on the feeding thread
     */
    public Dlt645Decoder(Duration idleLimit, Consumer<? super Dlt645FormatException> onDrop) {
        if (idleLimit.isNegative() || idleLimit.isZero()) {
            throw new IllegalArgumentException("idle limit must be positive: " + idleLimit);
        }
        this.idleLimit = idleLimit;
        this.onDrop = Objects.requireNonNull(onDrop, "onDrop");
    }

    /** Same as {@code feed(buf, 0, buf.length)}. */
    public List<Dlt645Frame> feed(byte[] buf) {
        return feed(buf, 0, buf.length);
    }

    /**
     * Takes the next {@code len} bytes of the line and returns the frames they complete, in
     * order (usually none or one). Never blocks; never throws for any content of the bytes.
     */
    public List<Dlt645Frame> feed(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        List<Dlt645Frame> out = new ArrayList<>(1);
        for (int i = off; i < off + len; i++) {
            int b = buf[i] & 0xFF;
            if (head == end) {
                if (b != Dlt645Frame.START) {
                    fed++;
                    discarded++;
                    continue;
                }
                head = 0;
                cursor = 0;
                end = 0;
                base = fed;
            }
            append(b);
            drain(out);
        }
        return out;
    }

    /**
     * Tells the decoder the line was silent for {@code gap} before the next byte. A gap
     * longer than the idle limit drops a partial frame ({@link Reason#TIMEOUT}); a shorter
     * one changes nothing.
     */
    public void idle(Duration gap) {
        Objects.requireNonNull(gap, "gap");
        if (gap.compareTo(idleLimit) <= 0 || head == end) {
            return;
        }
        List<Dlt645FormatException> reports = describeDropped(end, Reason.TIMEOUT,
                "line idle for " + gap.toMillis() + " ms");
        clear();
        reports.forEach(this::report);
    }

    /** Forgets a partial frame without reporting it, e.g. after the port was reopened. */
    public void reset() {
        clear();
    }

    /** Bytes held for a frame in progress; never more than {@link Dlt645Frame#MAX_FRAME_BYTES}. */
    public int bufferedBytes() {
        return end - head;
    }

    /** Bytes fed so far. */
    public long fedBytes() {
        return fed;
    }

    /**
     * Bytes given up so far: noise, preambles and the bytes of dropped frames. Every byte fed
     * is either discarded, part of a returned frame, or still {@linkplain #bufferedBytes() held}.
     */
    public long discardedBytes() {
        return discarded;
    }

    /** Frames reported to the drop listener so far. */
    public long droppedFrames() {
        return dropped;
    }

    /** The gap above which {@link #idle(Duration)} drops a partial frame. */
    public Duration idleLimit() {
        return idleLimit;
    }

    private void append(int b) {
        if (end == window.length) {
            System.arraycopy(window, head, window, 0, end - head);
            cursor -= head;
            end -= head;
            base += head;
            head = 0;
            if (end == window.length) {
                throw new IllegalStateException("candidate longer than " + window.length + " bytes");
            }
        }
        window[end++] = (byte) b;
        fed++;
    }

    /** Runs the parser over every held byte it has not seen. */
    private void drain(List<Dlt645Frame> out) {
        while (cursor < end) {
            if (cursor == head) {
                if ((window[head] & 0xFF) != Dlt645Frame.START) {
                    head++;
                    cursor++;
                    discarded++;
                    continue;
                }
                parser.reset();
            }
            int b = window[cursor++] & 0xFF;
            FrameParser.State s = parser.accept(b);
            if (s == FrameParser.State.DONE) {
                deliver(parser.frame(), out);
            } else if (s == FrameParser.State.BAD) {
                Dlt645FormatException e = isFresh(head) ? parser.failure(copy(head, cursor)) : null;
                if (e != null) {
                    reportedUpTo = offset(cursor - 1);
                }
                head++;
                cursor = head;
                discarded++;
                report(e);
            } else if (b == Dlt645Frame.END) {
                completeLaterFrame(out);
            }
        }
    }

    /**
     * The candidate in progress just took a 16H. If a valid frame that started after the
     * candidate ends at this byte, return it now and drop the candidate as cut short.
     */
    private void completeLaterFrame(List<Dlt645Frame> out) {
        int s = probe.findFrameEndingAt(window, head + 1, cursor);
        if (s < 0) {
            return;
        }
        Dlt645Frame frame = probe.frame();
        List<Dlt645FormatException> reports = describeDropped(s, Reason.TRUNCATED, "a valid frame starts at byte " + (s - head));
        discarded += s - head;
        deliver(frame, out);
        reports.forEach(this::report);
    }

    /**
     * Describes the candidates among the held bytes {@code [head, limit)} that are about to be
     * dropped: each one whose 68H no earlier report covers gets a report, with the reason
     * it fails for or, if it is still unfinished at {@code limit}, with {@code pending}.
     */
    private List<Dlt645FormatException> describeDropped(int limit, Reason pending, String why) {
        List<Dlt645FormatException> reports = new ArrayList<>(1);
        for (int h = head; h < limit; h++) {
            if ((window[h] & 0xFF) != Dlt645Frame.START || !isFresh(h)) {
                continue;
            }
            probe.reset();
            int i = h;
            FrameParser.State st = FrameParser.State.START;
            while (i < limit && st != FrameParser.State.BAD && st != FrameParser.State.DONE) {
                st = probe.accept(window[i++] & 0xFF);
            }
            if (st == FrameParser.State.DONE) {
                continue; // cannot happen: a complete frame would have been returned when its 16H arrived
            }
            reports.add(st == FrameParser.State.BAD ? probe.failure(copy(h, i)) : probe.abandoned(pending, why, copy(h, i)));
            reportedUpTo = offset(i - 1);
        }
        return reports;
    }

    private void deliver(Dlt645Frame frame, List<Dlt645Frame> out) {
        out.add(frame);
        head = cursor;
    }

    /** Whether no report covers the byte at {@code index}: a candidate starting there is news. */
    private boolean isFresh(int index) {
        return offset(index) > reportedUpTo;
    }

    private void report(Dlt645FormatException e) {
        if (e != null) {
            dropped++;
            onDrop.accept(e);
        }
    }

    private void clear() {
        discarded += end - head;
        head = 0;
        cursor = 0;
        end = 0;
        base = fed;
    }

    private long offset(int index) {
        return base + index;
    }

    private byte[] copy(int from, int to) {
        return Arrays.copyOfRange(window, from, to);
    }
}
