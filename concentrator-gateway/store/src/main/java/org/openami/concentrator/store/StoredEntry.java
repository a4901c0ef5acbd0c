package org.openami.concentrator.store;

import java.util.Objects;
import org.openami.concentrator.model.CommandResult;
import org.openami.concentrator.model.MeterEvent;
import org.openami.concentrator.model.Reading;

/**
 * One entry of the outbox as {@link ForwardStore#nextBatch(int)} hands it out: its sequence
 * number (unique and increasing over the life of the store file, never reused), when the store
 * accepted it, and the payload. Immutable.
 *
 * @param seq      the sequence number to pass to {@link ForwardStore#markDelivered}
 * @param storedAt epoch milliseconds the store accepted the entry (the store's clock)
 * @param type     which payload this is
 * @param payload  a {@link Reading}, {@link MeterEvent} or {@link CommandResult}, matching {@code type}
 */
public record StoredEntry(long seq, long storedAt, Type type, Object payload) {

    /** The three kinds of entry the outbox carries. */
    public enum Type { READING, EVENT, COMMAND_RESULT }

    public StoredEntry {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        Class<?> expected = switch (type) {
            case READING -> Reading.class;
            case EVENT -> MeterEvent.class;
            case COMMAND_RESULT -> CommandResult.class;
        };
        if (!expected.isInstance(payload)) {
            throw new IllegalArgumentException(type + " entry with a " + payload.getClass().getSimpleName() + " payload");
        }
    }

    /** The reading; {@link IllegalStateException} if this is not a {@link Type#READING}. */
    public Reading reading() {
        return as(Type.READING, Reading.class);
    }

    /** The event; {@link IllegalStateException} if this is not an {@link Type#EVENT}. */
    public MeterEvent event() {
        return as(Type.EVENT, MeterEvent.class);
    }

    /** The command result; {@link IllegalStateException} if this is not a {@link Type#COMMAND_RESULT}. */
    public CommandResult commandResult() {
        return as(Type.COMMAND_RESULT, CommandResult.class);
    }

    private <T> T as(Type wanted, Class<T> cls) {
        if (type != wanted) {
            throw new IllegalStateException("entry " + seq + " is a " + type + ", not a " + wanted);
        }
        return cls.cast(payload);
    }
}
