package org.openami.cloud.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.openami.concentrator.model.CommandResult;
import org.openami.concentrator.model.EventType;
import org.openami.concentrator.model.MeterEvent;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

/**
 * Round trips of arbitrary valid messages, and the decoder's behaviour on arbitrary bytes and on
 * random mutations of valid bodies: a {@link MessageFormatException} or a message the encoder
 * accepts again, never another exception.
 */
class MessageCodecPropertyTest {

    private static final String METER_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789:._-";

    @Property(tries = 300)
    void anyValidMessageRoundTrips(@ForAll("messages") Message m) throws MessageFormatException {
        byte[] body = MessageCodec.encode(m);
        assertThat(MessageCodec.decode(m.type(), body)).isEqualTo(m);
    }

    @Property(tries = 2000)
    void arbitraryBytesNeverEscapeAsAnotherException(@ForAll @Size(max = 200) byte[] body, @ForAll MessageType type) {
        checkDecoder(type, body);
    }

    @Property(tries = 2000)
    void arbitraryArraysNeverEscapeAsAnotherException(@ForAll @Size(max = 120) byte[] tail, @ForAll MessageType type) {
        // start like a body so that the decoder gets past the first byte more often
        byte[] body = new byte[tail.length + 2];
        body[0] = (byte) 0x81;
        body[1] = (byte) (type == MessageType.EVENTS ? 0x85 : 0x87);
        System.arraycopy(tail, 0, body, 2, tail.length);
        checkDecoder(type, body);
    }

    @Property(tries = 3000)
    void mutatedBodiesNeverEscapeAsAnotherException(@ForAll("validBodies") Map.Entry<MessageType, byte[]> valid,
                                                    @ForAll("mutations") List<int[]> mutations) {
        checkDecoder(valid.getKey(), Mutations.apply(valid.getValue(), mutations));
    }

    /** Decodes; success means the encoder takes the message back and it decodes the same. */
    static void checkDecoder(MessageType type, byte[] body) {
        Message m;
        try {
            m = MessageCodec.decode(type, body);
        } catch (MessageFormatException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(m.type()).isEqualTo(type);
        byte[] again = MessageCodec.encode(m);
        try {
            assertThat(MessageCodec.decode(type, again)).isEqualTo(m);
        } catch (MessageFormatException e) {
            throw new AssertionError("re-encoded body no longer decodes: " + e.getMessage(), e);
        }
    }

    @Provide
    Arbitrary<List<int[]>> mutations() {
        return Mutations.mutations();
    }

    @Provide
    Arbitrary<Map.Entry<MessageType, byte[]>> validBodies() {
        List<Map.Entry<MessageType, byte[]>> bodies = new ArrayList<>();
        for (Message m : Samples.all()) {
            bodies.add(Map.entry(m.type(), MessageCodec.encode(m)));
        }
        return Arbitraries.of(bodies);
    }

    @Provide
    Arbitrary<Message> messages() {
        return Arbitraries.oneOf(
                readings().list().ofMaxSize(40).map(Telemetry::new),
                events().list().ofMaxSize(20).map(Events::new),
                results().list().ofMaxSize(20).map(CommandResults::new),
                commands());
    }

    static Arbitrary<String> meters() {
        return Arbitraries.strings().withChars(METER_CHARS).ofMaxLength(32);
    }

    static Arbitrary<String> text(int max) {
        Arbitrary<String> bmp = Arbitraries.strings().withCharRange('\u0000', '\uD7FF').ofMaxLength(max - 1);
        return Combinators.combine(bmp, Arbitraries.of("", "\uD83D\uDE00", "\u2713")).as(String::concat);
    }

    static Arbitrary<Reading> readings() {
        return Combinators.combine(Arbitraries.integers().greaterOrEqual(0), meters(), Arbitraries.of(ReadingKind.class),
                        Arbitraries.of(Quantity.class), Arbitraries.longs(), Arbitraries.longs(), Arbitraries.longs())
                .as(Reading::new);
    }

    static Arbitrary<MeterEvent> events() {
        return Combinators.combine(Arbitraries.integers().greaterOrEqual(0), meters(), Arbitraries.of(EventType.class),
                Arbitraries.longs(), text(MessageLimits.MAX_DETAIL_LENGTH)).as(MeterEvent::new);
    }

    static Arbitrary<String> commandIds() {
        return Arbitraries.strings().withChars(METER_CHARS).ofMinLength(1).ofMaxLength(64);
    }

    static Arbitrary<CommandResult> results() {
        return Combinators.combine(commandIds(), Arbitraries.integers().greaterOrEqual(0), meters(), text(64),
                Arbitraries.of(true, false), text(MessageLimits.MAX_REASON_LENGTH), Arbitraries.longs())
                .as(CommandResult::new);
    }

    static Arbitrary<Command> commands() {
        Arbitrary<Map<String, String>> params = Arbitraries.maps(
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789._-").ofMinLength(1).ofMaxLength(32),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(256)).ofMaxSize(16);
        Arbitrary<long[]> times = Combinators.combine(Arbitraries.longs().between(Long.MIN_VALUE, Long.MAX_VALUE - 1),
                Arbitraries.longs().between(1, Long.MAX_VALUE)).as((a, d) -> new long[] {a, a + Math.min(d, Long.MAX_VALUE - a)});
        return Combinators.combine(commandIds(), Arbitraries.of(CommandType.class), times,
                Arbitraries.integers().greaterOrEqual(0), meters(), params)
                .as((id, type, t, point, meter, p) -> new Command(id, type, t[0], t[1], point, meter, p));
    }
}
