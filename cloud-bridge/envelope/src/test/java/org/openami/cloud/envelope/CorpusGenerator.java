package org.openami.cloud.envelope;

import static org.openami.cloud.envelope.Fixtures.CONC;
import static org.openami.cloud.envelope.Fixtures.T0;
import static org.openami.cloud.envelope.Fixtures.bytes;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openami.cloud.message.Command;
import org.openami.cloud.message.CommandType;
import org.openami.cloud.message.Message;
import org.openami.cloud.message.MessageCodec;
import org.openami.cloud.message.MessageType;
import org.openami.cloud.message.Samples;
import org.openami.cloud.message.Telemetry;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

/**
 * Generates the seed corpus in src/test/resources/corpus: valid and invalid envelopes and
 * message bodies, each named {@code <name>--<OUTCOME>.bin} (message bodies
 * {@code <TYPE>--<name>--<OUTCOME>.bin}). Everything is deterministic (fixed keys, nonces and
 * times), so {@code CorpusTest} can also check that the committed files are still what this
 * generator makes. Run with the module directory as argument to rewrite the files:
 * {@code java -cp ... org.openami.cloud.envelope.CorpusGenerator cloud-bridge/envelope}.
 *
 * <p>Envelopes are opened at {@link Fixtures#T0} by the cloud ({@link Fixtures#cloudKeys()}),
 * or by conc-0001 ({@link Fixtures#concKeys()}) when the header says COMMAND.
 */
public final class CorpusGenerator {

    private static final int ID_OFFSET = 8;
    private static final HexFormat HEX = HexFormat.of();

    private CorpusGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").resolve("src/test/resources/corpus");
        write(root.resolve("envelope"), envelopes());
        write(root.resolve("message"), messages());
        System.out.println("corpus written to " + root);
    }

    /** File name to content, envelopes. */
    public static Map<String, byte[]> envelopes() {
        Map<String, byte[]> c = new TreeMap<>();
        EnvelopeSealer up = Fixtures.uplinkSealer();
        EnvelopeSealer down = Fixtures.downlinkSealer();
        byte[] vector = TestVector.envelope();
        c.put("uplink-telemetry--OK.bin", vector);
        c.put("uplink-telemetry-500--OK.bin", seal(up, Samples.telemetry(500), 43, T0, 1));
        c.put("uplink-events--OK.bin", seal(up, Samples.events(), 44, T0, 2));
        c.put("uplink-command-results--OK.bin", seal(up, Samples.results(), 45, T0, 3));
        c.put("uplink-empty-telemetry--OK.bin", seal(up, new Telemetry(List.of()), 46, T0, 4));
        c.put("downlink-command--OK.bin", seal(down, Samples.command(), 1, T0, 5));
        c.put("downlink-time-sync-all--OK.bin", seal(down,
                new Command("sync-1", CommandType.TIME_SYNC, T0, T0 + 60_000, 0, "", Map.of()), 2, T0, 6));
        c.put("at-max-age--OK.bin", seal(up, Samples.telemetry(1), 47, T0 - Fixtures.MAX_AGE.toMillis(), 7));
        c.put("at-max-skew--OK.bin", seal(up, Samples.telemetry(1), 48, T0 + Fixtures.MAX_SKEW.toMillis(), 8));

        c.put("bad-signature--BAD_SIGNATURE.bin", flip(vector, vector.length - 1));
        c.put("tampered-sequence--BAD_SIGNATURE.bin", flip(vector, ID_OFFSET + CONC.length() + 15));
        c.put("tampered-ciphertext--BAD_SIGNATURE.bin", flip(vector, vector.length - 64 - 20));
        c.put("tampered-nonce--BAD_SIGNATURE.bin", flip(vector, ID_OFFSET + CONC.length() + 24));
        byte[] replayed = vector.clone();
        System.arraycopy(Fixtures.CONC2.getBytes(StandardCharsets.US_ASCII), 0, replayed, ID_OFFSET, CONC.length());
        c.put("replayed-as-conc-0002--BAD_SIGNATURE.bin", replayed);
        PublicNodeKeys cloud = Fixtures.cloud().publicKeys();
        PublicNodeKeys wrongAgreement = new PublicNodeKeys("cloud", 7, cloud.signingKey(),
                NodeKeys.of("cloud", 7, bytes(0xc0, 32), bytes(0xe0, 32)).publicKeys().agreementKey());
        c.put("wrong-agreement-key--DECRYPT_FAILED.bin",
                seal(new EnvelopeSealer(Fixtures.conc(), wrongAgreement, CONC, new SecureRandom()), Samples.telemetry(2), 49, T0, 9));

        NodeKeys cloud8 = NodeKeys.of("cloud", 8, bytes(0xc0, 32), bytes(0xe0, 32));
        c.put("unknown-recipient-key--UNKNOWN_KEY.bin",
                seal(new EnvelopeSealer(Fixtures.conc(), cloud8.publicKeys(), CONC, new SecureRandom()), Samples.telemetry(1), 50, T0, 10));
        NodeKeys conc2ndGen = NodeKeys.of(CONC, 2, bytes(0x11, 32), bytes(0x31, 32));
        c.put("unknown-sender-key--UNKNOWN_KEY.bin",
                seal(new EnvelopeSealer(conc2ndGen, cloud, CONC, new SecureRandom()), Samples.telemetry(1), 51, T0, 11));
        NodeKeys conc3 = NodeKeys.of("conc-0003", 1, bytes(0x51, 32), bytes(0x71, 32));
        c.put("unknown-concentrator--UNKNOWN_KEY.bin",
                seal(new EnvelopeSealer(conc3, cloud, "conc-0003", new SecureRandom()), Samples.telemetry(1), 1, T0, 12));
        NodeKeys conc2 = Fixtures.conc2();
        c.put("command-for-conc-0002--UNKNOWN_KEY.bin",
                seal(new EnvelopeSealer(Fixtures.cloud(), conc2.publicKeys(), Fixtures.CONC2, new SecureRandom()),
                        Samples.command(), 3, T0, 13));

        c.put("stale--STALE.bin", seal(up, Samples.telemetry(1), 52, T0 - Fixtures.MAX_AGE.toMillis() - 1, 14));
        c.put("from-future--FROM_FUTURE.bin", seal(up, Samples.telemetry(1), 53, T0 + Fixtures.MAX_SKEW.toMillis() + 1, 15));

        c.put("version-2--UNSUPPORTED_VERSION.bin", set(vector, 4, 2));
        c.put("version-0--UNSUPPORTED_VERSION.bin", set(vector, 4, 0));
        c.put("empty--MALFORMED.bin", new byte[0]);
        c.put("bad-magic--MALFORMED.bin", set(vector, 3, 'F'));
        c.put("magic-only--MALFORMED.bin", Arrays.copyOf(vector, 4));
        c.put("truncated-header--MALFORMED.bin", Arrays.copyOf(vector, 30));
        c.put("truncated-signature--MALFORMED.bin", Arrays.copyOf(vector, vector.length - 1));
        c.put("trailing-byte--MALFORMED.bin", Arrays.copyOf(vector, vector.length + 1));
        c.put("flags-set--MALFORMED.bin", set(vector, 6, 0x80));
        c.put("unknown-type--MALFORMED.bin", set(vector, 5, 4));
        c.put("id-length-zero--MALFORMED.bin", set(vector, 7, 0));
        c.put("id-length-65--MALFORMED.bin", set(vector, 7, 65));
        c.put("id-bad-character--MALFORMED.bin", set(vector, ID_OFFSET + 4, ' '));
        c.put("key-id-top-bit--MALFORMED.bin", set(vector, ID_OFFSET + CONC.length(), 0x80));
        byte[] shortCt = vector.clone();
        ByteBuffer.wrap(shortCt).putInt(EnvelopeLayout.headerLength(CONC.length()), 15);
        c.put("ciphertext-length-15--MALFORMED.bin", shortCt);
        byte[] longCt = vector.clone();
        ByteBuffer.wrap(longCt).putInt(EnvelopeLayout.headerLength(CONC.length()), 0xffffffff);
        c.put("ciphertext-length-huge--MALFORMED.bin", longCt);

        c.put("uplink-bad-body--MALFORMED_BODY.bin",
                up.seal(MessageType.TELEMETRY, 54, T0, HEX.parseHex("8187016178"), bytes(16, 12)));
        c.put("downlink-bad-body--MALFORMED_BODY.bin",
                down.seal(MessageType.COMMAND, 4, T0, HEX.parseHex("8762633169" + HEX.formatHex("TIME_SYNC".getBytes(
                        StandardCharsets.US_ASCII)) + "0202" + "0060a0"), bytes(17, 12)));
        return c;
    }

    /** File name to content, message bodies. */
    public static Map<String, byte[]> messages() {
        Map<String, byte[]> c = new TreeMap<>();
        Reading r = Fixtures.vectorTelemetry().readings().get(0);
        c.put("TELEMETRY--vector--OK.bin", MessageCodec.encode(Fixtures.vectorTelemetry()));
        c.put("TELEMETRY--empty--OK.bin", MessageCodec.encode(new Telemetry(List.of())));
        c.put("TELEMETRY--extremes--OK.bin", MessageCodec.encode(new Telemetry(List.of(
                new Reading(0, "", ReadingKind.REALTIME, Quantity.POWER_FACTOR_TOTAL, Long.MIN_VALUE, -1, Long.MAX_VALUE),
                new Reading(Integer.MAX_VALUE, "m".repeat(32), ReadingKind.CURVE, Quantity.VOLTAGE_A, 0, Long.MIN_VALUE, 0)))));
        c.put("TELEMETRY--indefinite-lengths--OK.bin", Samples.cbor(g -> {
            g.writeStartArray();
            Samples.readingArray(g, r);
            g.writeEndArray();
        }));
        c.put("EVENTS--sample--OK.bin", MessageCodec.encode(Samples.events()));
        c.put("COMMAND_RESULTS--sample--OK.bin", MessageCodec.encode(Samples.results()));
        c.put("COMMAND--relay-trip--OK.bin", MessageCodec.encode(Samples.command()));
        c.put("COMMAND--no-params--OK.bin", MessageCodec.encode(
                new Command("c1", CommandType.READ_NOW, T0, T0 + 1, 5, "bus1:17", Map.of())));

        String point = "01";
        String meter = "6c" + ascii("000000000001");
        String kind = "6c" + ascii("DAILY_FREEZE");
        String quantity = "781b" + ascii("ENERGY_FORWARD_ACTIVE_TOTAL");
        String times = "1b0000019b71b44c00" + "1a00bc614e" + "1b0000019b76dabb88";
        c.put("TELEMETRY--empty-body--MALFORMED.bin", new byte[0]);
        c.put("TELEMETRY--trailing-byte--MALFORMED.bin", HEX.parseHex("8187" + point + meter + kind + quantity + times + "00"));
        c.put("TELEMETRY--map-instead-of-array--MALFORMED.bin", HEX.parseHex("a0"));
        c.put("TELEMETRY--unknown-quantity--MALFORMED.bin", HEX.parseHex("8187" + point + meter + kind + "63" + ascii("FOO") + times));
        c.put("TELEMETRY--missing-field--MALFORMED.bin", HEX.parseHex("8186" + point + meter + kind + quantity + "1b0000019b71b44c00"
                + "1a00bc614e"));
        c.put("TELEMETRY--extra-field--MALFORMED.bin", HEX.parseHex("8188" + point + meter + kind + quantity + times + "00"));
        c.put("TELEMETRY--float-value--MALFORMED.bin", HEX.parseHex("8187" + point + meter + kind + quantity + "1b0000019b71b44c00"
                + "fb4028000000000000" + "00"));
        c.put("TELEMETRY--tagged-point--MALFORMED.bin", HEX.parseHex("8187" + "c101" + meter + kind + quantity + times));
        c.put("TELEMETRY--simple-value-point--MALFORMED.bin", HEX.parseHex("8187" + "f0" + meter + kind + quantity + times));
        c.put("TELEMETRY--negative-point--MALFORMED.bin", HEX.parseHex("8187" + "20" + meter + kind + quantity + times));
        c.put("TELEMETRY--value-beyond-long--MALFORMED.bin", HEX.parseHex("8187" + point + meter + kind + quantity
                + "1b0000019b71b44c00" + "1bffffffffffffffff" + "00"));
        c.put("TELEMETRY--too-many-declared--MALFORMED.bin", HEX.parseHex("992711"));
        c.put("TELEMETRY--meter-too-long--MALFORMED.bin", HEX.parseHex("8187" + point + "7821" + ascii("m".repeat(33)) + kind
                + quantity + times));
        c.put("TELEMETRY--invalid-utf8--MALFORMED.bin", HEX.parseHex("8187" + point + "62c328" + kind + quantity + times));
        c.put("EVENTS--unknown-type--MALFORMED.bin", HEX.parseHex("818500606342" + ascii("OO") + "0160"));
        c.put("EVENTS--detail-too-long--MALFORMED.bin", Samples.cbor(g -> {
            g.writeStartArray(null, 1);
            g.writeStartArray(null, 5);
            g.writeNumber(0);
            g.writeString("");
            g.writeString("STORE_NEAR_FULL");
            g.writeNumber(1);
            g.writeString("d".repeat(1025));
            g.writeEndArray();
            g.writeEndArray();
        }));
        c.put("COMMAND_RESULTS--success-not-boolean--MALFORMED.bin", Samples.cbor(g -> {
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
        }));
        String head = "8762" + ascii("c1") + "69" + ascii("TIME_SYNC");
        c.put("COMMAND--int-param-key--MALFORMED.bin", HEX.parseHex(head + "0102" + "0060a1" + "05" + "6178"));
        c.put("COMMAND--duplicate-param--MALFORMED.bin", HEX.parseHex(head + "0102" + "0060a2" + "6161" + "6178" + "6161" + "6179"));
        c.put("COMMAND--control-char-param--MALFORMED.bin", HEX.parseHex(head + "0102" + "0060a1" + "6161" + "620a0a"));
        c.put("COMMAND--expires-before-issued--MALFORMED.bin", HEX.parseHex(head + "0201" + "0060a0"));
        c.put("COMMAND--unknown-type--MALFORMED.bin", HEX.parseHex("8762" + ascii("c1") + "64" + ascii("BOOT") + "0102" + "0060a0"));
        c.put("COMMAND--bad-command-id--MALFORMED.bin", HEX.parseHex("8763" + ascii("a b") + "69" + ascii("TIME_SYNC") + "0102" + "0060a0"));
        return c;
    }

    private static byte[] seal(EnvelopeSealer sealer, Message m, long seq, long time, int nonceStart) {
        return sealer.seal(m.type(), seq, time, MessageCodec.encode(m), bytes(nonceStart * 12, 12));
    }

    private static byte[] flip(byte[] b, int offset) {
        byte[] out = b.clone();
        out[offset] ^= 0x01;
        return out;
    }

    private static byte[] set(byte[] b, int offset, int value) {
        byte[] out = b.clone();
        out[offset] = (byte) value;
        return out;
    }

    private static String ascii(String s) {
        return HEX.formatHex(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static void write(Path dir, Map<String, byte[]> files) throws IOException {
        Files.createDirectories(dir);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "*.bin")) {
            for (Path p : old) {
                Files.delete(p);
            }
        }
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
    }

}
