package org.openami.meter.event;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;

/**
 * One recorded event.
 *
 * @param type     what happened
 * @param start    when it happened (or began)
 * @param end      when it ended, {@link Instant#EPOCH} for instantaneous or still open events
 * @param operator the operator code sent with the command (0 when the meter itself detected it)
 * @param value1   type-specific value, see {@link EventType}
 * @param value2   type-specific value, see {@link EventType}
 */
public record MeterEvent(EventType type, Instant start, Instant end, long operator, long value1, long value2) {

    /** Bytes of {@link #encode()}. */
    public static final int BYTES = 1 + 8 + 8 + 8 + 8 + 8;

    public MeterEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    public static MeterEvent at(EventType type, Instant when, long operator, long value1, long value2) {
        return new MeterEvent(type, when, Instant.EPOCH, operator, value1, value2);
    }

    public byte[] encode() {
        return ByteBuffer.allocate(BYTES).put((byte) type.ordinal()).putLong(start.getEpochSecond())
                .putLong(end.getEpochSecond()).putLong(operator).putLong(value1).putLong(value2).array();
    }

    /** @throws IllegalArgumentException if the bytes are not an event */
    public static MeterEvent decode(byte[] b) {
        if (b.length != BYTES) {
            throw new IllegalArgumentException("an event record is " + BYTES + " bytes, got " + b.length);
        }
        ByteBuffer in = ByteBuffer.wrap(b);
        int t = in.get() & 0xFF;
        if (t >= EventType.values().length) {
            throw new IllegalArgumentException("unknown event type " + t);
        }
        return new MeterEvent(EventType.values()[t], Instant.ofEpochSecond(in.getLong()), Instant.ofEpochSecond(in.getLong()),
                in.getLong(), in.getLong(), in.getLong());
    }
}
