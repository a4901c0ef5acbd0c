package org.openami.dlt645;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Feeds every corpus file through the decoder, whole and byte by byte. */
class CorpusTest {

    @Test
    void the_corpus_holds_known_answers_and_malformed_inputs() {
        assertThat(Corpus.load()).hasSizeGreaterThanOrEqualTo(20)
                .anySatisfy(e -> assertThat(e.name()).startsWith("frame-"))
                .anySatisfy(e -> assertThat(e.name()).startsWith("malformed-"));
    }

    @TestFactory
    Stream<DynamicTest> every_corpus_file_decodes_as_its_header_says() {
        return Corpus.load().stream().map(e -> DynamicTest.dynamicTest(e.name(), () -> check(e)));
    }

    private static void check(Corpus.Entry e) throws Exception {
        RecordingDecoder whole = new RecordingDecoder();
        whole.feed(e.bytes());
        whole.decoder.idle(Duration.ofSeconds(1));
        RecordingDecoder bytewise = new RecordingDecoder();
        bytewise.feedBytewise(e.bytes());
        bytewise.decoder.idle(Duration.ofSeconds(1));

        assertThat(whole.frames).as("frames").hasSize(e.frames());
        assertThat(whole.reasons()).as("reasons").isEqualTo(e.reasons());
        assertThat(bytewise.frames).as("byte by byte").isEqualTo(whole.frames);
        assertThat(bytewise.reasons()).as("byte by byte").isEqualTo(whole.reasons());
        long inFrames = whole.frames.stream().mapToLong(f -> f.encode().length).sum();
        assertThat(whole.decoder.discardedBytes() + inFrames).isEqualTo(e.bytes().length);

        if (e.name().startsWith("frame-")) {
            int preamble = 0;
            while ((e.bytes()[preamble] & 0xFF) == Dlt645Frame.PREAMBLE) {
                preamble++;
            }
            Dlt645Frame f = Dlt645Frame.decode(e.bytes());
            assertThat(Hex.of(f.encode(preamble))).isEqualTo(Hex.of(e.bytes()));
        }
    }
}
