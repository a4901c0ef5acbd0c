package org.openami.cloud.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.openami.cloud.envelope.EnvelopeException.Reason;
import org.openami.cloud.message.MessageCodec;
import org.openami.cloud.message.MessageFormatException;
import org.openami.cloud.message.MessageType;

/**
 * Replays the committed seed corpus (src/test/resources/corpus) and checks each file's expected
 * outcome, written in its name; and checks that {@link CorpusGenerator} still makes exactly
 * these files, so a change of format cannot slip past the corpus unnoticed.
 */
class CorpusTest {

    static Map<String, byte[]> read(String folder) throws IOException, URISyntaxException {
        Path dir = Path.of(CorpusTest.class.getResource("/corpus/" + folder).toURI());
        Map<String, byte[]> files = new TreeMap<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.bin")) {
            for (Path p : s) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    /** Opens a corpus envelope as its recipient would: conc-0001 for COMMAND, the cloud otherwise. */
    static OpenedEnvelope open(byte[] env) throws EnvelopeException {
        KeyDirectory keys = Fixtures.cloudKeys();
        try {
            if (EnvelopeOpener.peekHeader(env).type() == MessageType.COMMAND) {
                keys = Fixtures.concKeys();
            }
        } catch (EnvelopeException e) {
            // not even a header: the cloud refuses it like anything else
        }
        return Fixtures.opener(keys, Fixtures.T0).open(env);
    }

    @Test
    void everyEnvelopeHasItsExpectedOutcome() throws Exception {
        Map<String, byte[]> corpus = read("envelope");
        assertThat(corpus).hasSizeGreaterThan(30);
        Set<Reason> seen = EnumSet.noneOf(Reason.class);
        for (Map.Entry<String, byte[]> e : corpus.entrySet()) {
            String expected = outcome(e.getKey());
            Throwable t = catchThrowable(() -> open(e.getValue()).message());
            if (expected.equals("OK")) {
                assertThat(t).as(e.getKey()).isNull();
            } else {
                assertThat(t).as(e.getKey()).isInstanceOf(EnvelopeException.class);
                Reason reason = ((EnvelopeException) t).reason();
                assertThat(reason.name()).as(e.getKey() + ": " + t.getMessage()).isEqualTo(expected);
                seen.add(reason);
            }
        }
        assertThat(seen).as("the corpus covers every reason an opener or decoder raises")
                .isEqualTo(EnumSet.complementOf(EnumSet.of(Reason.REPLAYED)));
    }

    @Test
    void everyMessageBodyHasItsExpectedOutcome() throws Exception {
        Map<String, byte[]> corpus = read("message");
        assertThat(corpus).hasSizeGreaterThan(25);
        Set<MessageType> validTypes = EnumSet.noneOf(MessageType.class);
        for (Map.Entry<String, byte[]> e : corpus.entrySet()) {
            String[] parts = e.getKey().substring(0, e.getKey().length() - 4).split("--");
            assertThat(parts).as(e.getKey()).hasSize(3);
            MessageType type = MessageType.valueOf(parts[0]);
            Throwable t = catchThrowable(() -> MessageCodec.decode(type, e.getValue()));
            if (parts[2].equals("OK")) {
                assertThat(t).as(e.getKey()).isNull();
                validTypes.add(type);
            } else {
                assertThat(parts[2]).isEqualTo("MALFORMED");
                assertThat(t).as(e.getKey()).isInstanceOf(MessageFormatException.class);
            }
        }
        assertThat(validTypes).containsExactlyInAnyOrder(MessageType.values());
    }

    @Test
    void theGeneratorStillMakesTheCommittedCorpus() throws Exception {
        assertSame(read("envelope"), CorpusGenerator.envelopes());
        assertSame(read("message"), CorpusGenerator.messages());
    }

    private static void assertSame(Map<String, byte[]> committed, Map<String, byte[]> generated) {
        assertThat(committed.keySet()).isEqualTo(generated.keySet());
        for (String name : committed.keySet()) {
            assertThat(committed.get(name)).as(name).isEqualTo(generated.get(name));
        }
    }

    private static String outcome(String fileName) {
        int dash = fileName.lastIndexOf("--");
        return fileName.substring(dash + 2, fileName.length() - ".bin".length());
    }
}
