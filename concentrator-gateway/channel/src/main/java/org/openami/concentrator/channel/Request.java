package org.openami.concentrator.channel;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One request to one meter (or a broadcast), as a protocol master builds it. Immutable.
 *
 * @param <R> what the reply is turned into ({@link Void} for a broadcast)
 */
public final class Request<R> {

    private final String target;
    private final byte[] frame;
    private final Supplier<? extends ReplyAssembler<R>> reply;
    private final LineSettings line;
    private final Duration replyTimeout;
    private final Priority priority;
    private final int maxAttempts;
    private final String description;

    private Request(Builder<R> b) {
        this.target = b.target;
        this.frame = b.frame.clone();
        this.reply = b.reply;
        this.line = b.line;
        this.replyTimeout = b.replyTimeout;
        this.priority = b.priority;
        this.maxAttempts = b.maxAttempts;
        this.description = b.description == null ? "request to " + b.target : b.description;
    }

    /**
     * Starts a request whose reply {@code reply} assembles (one new assembler per attempt).
     *
     * @param target the meter it goes to, the key of its {@link LineQuality}
     * @param frame  the bytes to send, complete (preamble, checksum...)
     */
    public static <R> Builder<R> to(String target, byte[] frame, Supplier<? extends ReplyAssembler<R>> reply) {
        return new Builder<>(target, frame, Objects.requireNonNull(reply, "reply"));
    }

    /** A request nobody answers (DL/T 645 broadcast time sync): the future completes once it is sent. */
    public static Builder<Void> broadcast(String target, byte[] frame) {
        return new Builder<>(target, frame, null);
    }

    public String target() {
        return target;
    }

    /** A copy of the bytes to send. */
    public byte[] frame() {
        return frame.clone();
    }

    /** Length of {@link #frame()} without copying it. */
    public int frameLength() {
        return frame.length;
    }

    byte[] frameUnsafe() {
        return frame;
    }

    /** Whether a reply is expected. */
    public boolean expectsReply() {
        return reply != null;
    }

    /** A fresh assembler for one attempt. */
    public ReplyAssembler<R> newAssembler() {
        if (reply == null) {
            throw new IllegalStateException("a broadcast has no reply");
        }
        return reply.get();
    }

    /** The framing to use, or {@code null} for the channel's default. */
    public LineSettings line() {
        return line;
    }

    /** Longest wait from the end of the request to the first reply byte, or {@code null} for the channel's default. */
    public Duration replyTimeout() {
        return replyTimeout;
    }

    public Priority priority() {
        return priority;
    }

    /** Attempts before the request fails, at least 1. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** What this is, for logs: "read 00010000 from 000000000001". */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description + " [" + priority + ", " + maxAttempts + " attempts]";
    }

    /** Builds a {@link Request}. */
    public static final class Builder<R> {
        private final String target;
        private final byte[] frame;
        private final Supplier<? extends ReplyAssembler<R>> reply;
        private LineSettings line;
        private Duration replyTimeout;
        private Priority priority = Priority.SCHEDULED;
        private int maxAttempts = 1;
        private String description;

        private Builder(String target, byte[] frame, Supplier<? extends ReplyAssembler<R>> reply) {
            this.target = Objects.requireNonNull(target, "target");
            this.frame = Objects.requireNonNull(frame, "frame");
            if (frame.length == 0) {
                throw new IllegalArgumentException("empty frame");
            }
            this.reply = reply;
        }

        public Builder<R> line(LineSettings line) {
            this.line = line;
            return this;
        }

        public Builder<R> replyTimeout(Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("reply timeout " + timeout + " is not positive");
            }
            this.replyTimeout = timeout;
            return this;
        }

        public Builder<R> priority(Priority priority) {
            this.priority = Objects.requireNonNull(priority, "priority");
            return this;
        }

        public Builder<R> maxAttempts(int attempts) {
            if (attempts < 1 || attempts > 10) {
                throw new IllegalArgumentException("attempts " + attempts + " is outside 1..10");
            }
            this.maxAttempts = attempts;
            return this;
        }

        public Builder<R> description(String description) {
            this.description = description;
            return this;
        }

        public Request<R> build() {
            return new Request<>(this);
        }
    }
}
