package org.openami.cloud.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openami.cloud.message.Samples.cbor;
import static org.openami.cloud.message.Samples.readingArray;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openami.concentrator.model.CommandResult;
import org.openami.concentrator.model.EventType;
import org.openami.concentrator.model.MeterEvent;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

class MessageCodecTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Reading R = new Reading(1, "000000000001", ReadingKind.DAILY_FREEZE,
            Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 1_767_139_200_000L, 12_345_678L, 1_767_225_605_000L);

    static List<Message> samples() {
        return Samples.all();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyMessageTypeRoundTrips(Message m) throws MessageFormatException {
        byte[] body = MessageCodec.encode(m);
        assertThat(MessageCodec.decode(m.type(), body)).isEqualTo(m);
        assertThat(MessageCodec.encode(MessageCodec.decode(m.type(), body))).isEqualTo(body);
    }

    @Test
    void telemetryHasTheDocumentedLayout() {
        String expected = "81" + "87"
                + "01"
                + "6c" + ascii("000000000001")
                + "6c" + ascii("DAILY_FREEZE")
                + "781b" + ascii("ENERGY_FORWARD_ACTIVE_TOTAL")
                + "1b0000019b71b44c00"
                + "1a00bc614e"
                + "1b0000019b76dabb88";
        assertThat(HEX.formatHex(MessageCodec.encode(new Telemetry(List.of(R))))).isEqualTo(expected);
    }

    @Test
    void commandHasTheDocumentedLayout() {
        Command c = new Command("c1", CommandType.TIME_SYNC, 1, 2, 0, "", Map.of("b", "2", "a", "1"));
        String expected = "87" + "62" + ascii("c1") + "69" + ascii("TIME_SYNC") + "01" + "02" + "00" + "60"
                + "a2" + "61" + ascii("a") + "61" + ascii("1") + "61" + ascii("b") + "61" + ascii("2");
        assertThat(HEX.formatHex(MessageCodec.encode(c))).isEqualTo(expected);
    }

    @Test
    void eventsAndResultsHaveTheDocumentedLayout() {
        Events e = new Events(List.of(new MeterEvent(0, "", EventType.STORE_NEAR_FULL, 5, "x")));
        assertThat(HEX.formatHex(MessageCodec.encode(e)))
                .isEqualTo("81" + "85" + "00" + "60" + "6f" + ascii("STORE_NEAR_FULL") + "05" + "61" + ascii("x"));
        CommandResults r = new CommandResults(List.of(new CommandResult("c1", 2, "m", "TRIP", true, "", 9)));
        assertThat(HEX.formatHex(MessageCodec.encode(r)))
                .isEqualTo("81" + "87" + "62" + ascii("c1") + "02" + "61" + ascii("m") + "64" + ascii("TRIP") + "f5" + "60" + "09");
    }

    @Test
    void negativeAndExtremeIntegersRoundTrip() throws MessageFormatException {
        Telemetry t = new Telemetry(List.of(
                new Reading(0, "", ReadingKind.REALTIME, Quantity.ACTIVE_POWER_TOTAL, Long.MIN_VALUE, -1, Long.MAX_VALUE),
                new Reading(Integer.MAX_VALUE, "x", ReadingKind.MONTHLY_FREEZE, Quantity.FREQUENCY, 0, Long.MIN_VALUE, -24)));
        assertThat(MessageCodec.decode(MessageType.TELEMETRY, MessageCodec.encode(t))).isEqualTo(t);
    }

    @Test
    void indefiniteLengthArraysAreAccepted() throws MessageFormatException {
        byte[] body = cbor(g -> {
            g.writeStartArray();
            readingArray(g, R);
            g.writeEndArray();
        });
        assertThat(body[0] & 0xff).isEqualTo(0x9f);
        assertThat(MessageCodec.decode(MessageType.TELEMETRY, body)).isEqualTo(new Telemetry(List.of(R)));
    }

    @Test
    void aBodyOfTheWrongTypeIsRefused() {
        byte[] telemetry = MessageCodec.encode(Samples.telemetry(2));
        assertRejected(MessageType.COMMAND, telemetry, "command.commandId: expected a text string, got an array");
        assertRejected(MessageType.EVENTS, telemetry, "events[0].type: unknown name \"CURVE\"");
    }

    @Test
    void strictDecodingNamesFieldAndIndex() {
        Reading ok = R;
        assertRejected(MessageType.TELEMETRY, new byte[0], "readings: unexpected end of body");
        assertRejected(MessageType.TELEMETRY, concat(MessageCodec.encode(new Telemetry(List.of(ok))), new byte[] {0}),
                "body: trailing bytes");
        assertRejected(MessageType.TELEMETRY, cbor(g -> g.writeNumber(1)), "readings: expected an array, got an integer");
        assertRejected(MessageType.TELEMETRY, cbor(g -> {
            g.writeStartArray(null, 2);
            readingArray(g, ok);
            g.writeStartArray(null, 6);
            g.writeNumber(1);
            g.writeString("m");
            g.writeString("CURVE");
            g.writeString("FREQUENCY");
            g.writeNumber(1);
            g.writeNumber(2);
            g.writeEndArray();
            g.writeEndArray();
        }), "readings[1].readAt: missing");
        assertRejected(MessageType.TELEMETRY, reading(8, "CURVE", "FREQUENCY"), "readings[0]: extra field after readAt");
        assertRejected(MessageType.TELEMETRY, reading(7, "CURVE", "FOO"), "readings[0].quantity: unknown name \"FOO\"");
        assertRejected(MessageType.TELEMETRY, reading(7, "curve", "FREQUENCY"), "readings[0].kind: unknown name \"curve\"");
        assertRejected(MessageType.TELEMETRY, cbor(g -> {
            g.writeStartArray(null, 1);
            g.writeStartArray(null, 7);
            g.writeNumber(1);
            g.writeString("m");
            g.writeString("CURVE");
            g.writeString("FREQUENCY");
            g.writeNumber(1);
            g.writeNumber(2.5);
            g.writeNumber(3);
            g.writeEndArray();
            g.writeEndArray();
        }), "readings[0].value: expected an integer, got a floating-point number");
        assertRejected(MessageType.TELEMETRY, cbor(g -> {
            g.writeStartArray(null, 2);
            readingArray(g, new Reading(1, "m", R.kind(), R.quantity(), 1, 2, 3));
            g.writeStartArray(null, 7);
            g.writeNumber(-3);
            g.writeString("m");
            g.writeString("CURVE");
            g.writeString("FREQUENCY");
            g.writeNumber(1);
            g.writeNumber(2);
            g.writeNumber(3);
            g.writeEndArray();
            g.writeEndArray();
        }), "readings[1].point: -3 is negative");
    }

    @Test
    void cborThatJacksonWouldConvertIsRefused() {
        // a reading whose point is tagged: 1(1)
        String tail = "6c" + ascii("000000000001") + "65" + ascii("CURVE") + "69" + ascii("FREQUENCY") + "010203";
        assertRejected(MessageType.TELEMETRY, HEX.parseHex("8187c101" + tail), "readings[0].point: unexpected CBOR tag 1");
        // simple(16) where an integer belongs
        assertRejected(MessageType.TELEMETRY, HEX.parseHex("8187f0" + tail), "readings[0].point: expected an integer, got CBOR major type 7");
        // a point beyond int, a value beyond long
        assertRejected(MessageType.TELEMETRY, HEX.parseHex("81871a80000000" + tail), "readings[0].point: integer 2147483648 out of range");
        String head = "8187016c" + ascii("000000000001") + "65" + ascii("CURVE") + "69" + ascii("FREQUENCY") + "01";
        assertRejected(MessageType.TELEMETRY, HEX.parseHex(head + "1bffffffffffffffff02"), "readings[0].value: integer 18446744073709551615 out of range");
        assertRejected(MessageType.TELEMETRY, HEX.parseHex(head + "3b800000000000000002"), "readings[0].value: integer -9223372036854775809 out of range");
        // a byte string, null, a tagged string where text belongs
        assertRejected(MessageType.TELEMETRY, HEX.parseHex("818701416d"), "readings[0].meter: expected a text string");
        assertRejected(MessageType.TELEMETRY, HEX.parseHex("818701f6"), "readings[0].meter: expected a text string, got null");
        assertRejected(MessageType.TELEMETRY, HEX.parseHex("818701d820616d"), "readings[0].meter: unexpected CBOR tag 32");
        // invalid UTF-8
        assertRejected(MessageType.TELEMETRY, HEX.parseHex("81870162c328"), "readings[0].meter: Invalid UTF-8");
        // a tagged array, a tagged boolean, simple(255) as an integer
        assertRejected(MessageType.TELEMETRY, HEX.parseHex("d9010080"), "readings: unexpected CBOR tag 256");
        assertRejected(MessageType.COMMAND_RESULTS, HEX.parseHex("8187" + "62" + ascii("c1") + "0160" + "60" + "c1f5"),
                "results[0].success: unexpected CBOR tag 1");
        assertRejected(MessageType.TELEMETRY, HEX.parseHex("8187f8ff"), "readings[0].point: expected an integer, got CBOR major type 7");
        // a truncated reading
        assertRejected(MessageType.TELEMETRY, HEX.parseHex("818701"), "readings[0].meter: Unexpected end-of-input");
    }

    @Test
    void listLimitsAreEnforcedBeforeReadingItems() {
        assertRejected(MessageType.TELEMETRY, HEX.parseHex("992711"), "readings: 10001 items, at most 10000");
        assertRejected(MessageType.EVENTS, HEX.parseHex("9affffffff"), "events:");
        byte[] indefinite = cbor(g -> {
            g.writeStartArray();
            for (int i = 0; i <= MessageLimits.MAX_ITEMS; i++) {
                readingArray(g, R);
            }
            g.writeEndArray();
        });
        assertRejected(MessageType.TELEMETRY, indefinite, "readings: more than 10000 items");
        byte[] big = new byte[MessageLimits.MAX_BODY_BYTES + 1];
        assertRejected(MessageType.TELEMETRY, big, "body: 4194305 bytes, more than 4194304");
    }

    @Test
    void textLimitsAreEnforced() {
        byte[] longMeter = cbor(g -> {
            g.writeStartArray(null, 1);
            readingArray(g, new Reading(1, "m".repeat(33), R.kind(), R.quantity(), 1, 2, 3));
            g.writeEndArray();
        });
        assertRejected(MessageType.TELEMETRY, longMeter, "readings[0].meter: longer than 32");
        byte[] detail = cbor(g -> {
            g.writeStartArray(null, 1);
            g.writeStartArray(null, 5);
            g.writeNumber(0);
            g.writeString("");
            g.writeString("STORE_NEAR_FULL");
            g.writeNumber(1);
            g.writeString("d".repeat(1025));
            g.writeEndArray();
            g.writeEndArray();
        });
        assertRejected(MessageType.EVENTS, detail, "events[0].detail: longer than 1024");
        byte[] lone = HEX.parseHex("818500606f" + ascii("STORE_NEAR_FULL") + "0163eda080");
        assertRejected(MessageType.EVENTS, lone, "events[0].detail:");
    }

    @Test
    void resultsAndCommandsAreStrictToo() {
        byte[] notBoolean = cbor(g -> {
            g.writeStartArray(null, 1);
            g.writeStartArray(null, 7);
            g.writeString("c1");
            g.writeNumber(1);
            g.writeString("");
            g.writeString("TRIP");
            g.writeNumber(1);
            g.writeString("");
            g.writeNumber(5);
            g.writeEndArray();
            g.writeEndArray();
        });
        assertRejected(MessageType.COMMAND_RESULTS, notBoolean, "results[0].success: expected a boolean, got an integer");
        String head = "8762" + ascii("c1") + "69" + ascii("TIME_SYNC");
        assertRejected(MessageType.COMMAND, HEX.parseHex(head + "0202" + "0060a0"), "command.expiresAt: 2 is not after issuedAt 2");
        assertRejected(MessageType.COMMAND, HEX.parseHex(head + "0102" + "0060a1" + "05" + "6178"),
                "command.params: expected a text key, got CBOR major type 0");
        assertRejected(MessageType.COMMAND, HEX.parseHex(head + "0102" + "0060a2" + "6161" + "6178" + "6161" + "6179"),
                "command.params: duplicate key");
        assertRejected(MessageType.COMMAND, HEX.parseHex(head + "0102" + "0060a1" + "6141" + "6178"),
                "command.params: key 0: character 'A'");
        assertRejected(MessageType.COMMAND, HEX.parseHex(head + "0102" + "0060a1" + "6161" + "620a0a"),
                "command.params[a]: control character");
        assertRejected(MessageType.COMMAND, HEX.parseHex(head + "0102" + "0060b1"), "command.params: 17 entries, at most 16");
        assertRejected(MessageType.COMMAND, HEX.parseHex(head + "0102" + "0060a0" + "00"), "body: trailing bytes");
        assertRejected(MessageType.COMMAND, HEX.parseHex("88" + head.substring(2) + "0102" + "0060a0" + "00"),
                "command: extra field after params");
        assertRejected(MessageType.COMMAND, HEX.parseHex("8760"), "command.commandId: empty");
        assertRejected(MessageType.COMMAND, HEX.parseHex("8762" + ascii("c1") + "64" + ascii("BOOT")), "command.type: unknown name \"BOOT\"");
    }

    @Test
    void encodingRefusesWhatDecodingWouldReject() {
        List<Reading> many = new ArrayList<>();
        for (int i = 0; i <= MessageLimits.MAX_ITEMS; i++) {
            many.add(R);
        }
        assertThatThrownBy(() -> MessageCodec.encode(new Telemetry(many)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("readings: 10001 items");
        assertThatThrownBy(() -> MessageCodec.encode(new Telemetry(List.of(R, new Reading(1, "a b", R.kind(), R.quantity(), 1, 2, 3)))))
                .hasMessageContaining("readings[1].meter");
        assertThatThrownBy(() -> MessageCodec.encode(new Events(List.of(MeterEvent.concentrator(EventType.STORE_NEAR_FULL, 1, "d".repeat(1025))))))
                .hasMessageContaining("events[0].detail: longer than 1024");
        assertThatThrownBy(() -> MessageCodec.encode(new CommandResults(List.of(new CommandResult("bad id", 1, "", "x", true, "", 1)))))
                .hasMessageContaining("results[0].commandId");
        List<MeterEvent> heavy = new ArrayList<>();
        for (int i = 0; i < 1100; i++) {
            heavy.add(MeterEvent.concentrator(EventType.STORE_NEAR_FULL, i, "\uD83D\uDE00".repeat(1024)));
        }
        assertThatThrownBy(() -> MessageCodec.encode(new Events(heavy)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 4194304");
    }

    @Test
    void truncateKeepsTextWithinItsLimit() throws MessageFormatException {
        String cut = MessageLimits.truncate("\uD83D\uDE00".repeat(2000) + "\uD800", MessageLimits.MAX_DETAIL_LENGTH);
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(1024);
        assertThat(MessageLimits.truncate("ab\uDC00c", 10)).isEqualTo("ab\uFFFDc");
        assertThat(MessageLimits.truncate("abc", 2)).isEqualTo("ab");
        Events e = new Events(List.of(MeterEvent.concentrator(EventType.STORE_NEAR_FULL, 1, cut)));
        assertThat(MessageCodec.decode(MessageType.EVENTS, MessageCodec.encode(e))).isEqualTo(e);
    }

    private static byte[] reading(int fields, String kind, String quantity) {
        return cbor(g -> {
            g.writeStartArray(null, 1);
            g.writeStartArray(null, fields);
            g.writeNumber(1);
            g.writeString("m");
            g.writeString(kind);
            g.writeString(quantity);
            for (int i = 4; i < fields; i++) {
                g.writeNumber(i);
            }
            g.writeEndArray();
            g.writeEndArray();
        });
    }

    static void assertRejected(MessageType type, byte[] body, String reason) {
        assertThatThrownBy(() -> MessageCodec.decode(type, body))
                .isInstanceOf(MessageFormatException.class)
                .hasMessageContaining(reason);
    }

    private static String ascii(String s) {
        return HEX.formatHex(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
