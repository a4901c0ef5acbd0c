package org.openami.cloud.message;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.util.Objects;

/**
 * Encodes {@link Message}s to their CBOR bodies and decodes them back, with Jackson's streaming
 * CBOR generator and parser. The mapping (docs/envelope.md) is positional and compact: each
 * item is a CBOR array of its fields in a fixed order, enums travel as their names (text), times
 * as epoch milliseconds, values as integers.
 *
 * <p>Encoding refuses what decoding would reject ({@link IllegalArgumentException} naming the
 * field and index): more than {@link MessageLimits#MAX_ITEMS} items, a text over its limit, a
 * body over {@link MessageLimits#MAX_BODY_BYTES}. Decoding is strict: anything but exactly the
 * documented layout is a {@link MessageFormatException}, never another exception.
 * Thread-safe; stateless.
 */
public final class MessageCodec {

    private static final CBORFactory FACTORY = CBORFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(8)
                    .maxStringLength(MessageLimits.MAX_BODY_BYTES)
                    .build())
            .build();
    private static final BodyEncoder ENCODER = new BodyEncoder(FACTORY);
    private static final BodyDecoder DECODER = new BodyDecoder(FACTORY);

    private MessageCodec() {
    }

    /**
     * The CBOR body of a message.
     *
     * @throws IllegalArgumentException if the message breaks a limit of {@link MessageLimits}
     *                                  (the sender should split or truncate)
     */
    public static byte[] encode(Message m) {
        Objects.requireNonNull(m, "message");
        return ENCODER.encode(m);
    }

    /**
     * The message in a body of the given type (the type comes from the envelope header).
     *
     * @throws MessageFormatException if the body is not exactly the documented layout of that type
     */
    public static Message decode(MessageType type, byte[] body) throws MessageFormatException {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
        try {
            return DECODER.decode(type, body);
        } catch (RuntimeException e) {
            // the parser met input it did not expect to see; still a bad body, never a crash
            throw new MessageFormatException("body: unreadable (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
