package org.openami.dlt645;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

/**
 * The fuzzer: generated frames, generated garbage and mutated corpus inputs against the codec.
 * Coverage checks make a property fail when its generator stops reaching the interesting
 * paths (drops, frames among garbage, partial frames left by garbage).
 */
class Dlt645FuzzTest {

    @Provide
    Arbitrary<Dlt645Frame> frames() {
        return FrameArbitraries.frames();
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        return FrameArbitraries.garbage();
    }

    @Provide
    Arbitrary<byte[]> noise() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
    }

    @Provide
    Arbitrary<byte[]> mutatedCorpus() {
        List<byte[]> seeds = new ArrayList<>();
        Corpus.load().forEach(e -> seeds.add(e.bytes()));
        Arbitrary<int[]> mutation = Arbitraries.integers().between(0, Integer.MAX_VALUE).array(int[].class).ofSize(3);
        return Combinators.combine(Arbitraries.of(seeds), mutation.list().ofMaxSize(3)).as(Dlt645FuzzTest::mutate);
    }

    @Provide
    Arbitrary<List<Integer>> chunkSizes() {
        return Arbitraries.integers().between(1, 40).list().ofMinSize(1).ofMaxSize(20);
    }

    @Property
    void decoding_an_encoded_frame_gives_the_same_frame(@ForAll("frames") Dlt645Frame f,
            @ForAll @IntRange(min = 0, max = 4) int preamble, @ForAll("chunkSizes") List<Integer> chunks) throws Exception {
        byte[] wire = f.encode(preamble);
        assertThat(Dlt645Frame.decode(wire)).isEqualTo(f);
        RecordingDecoder d = new RecordingDecoder();
        feedInChunks(d, wire, chunks);
        assertThat(d.frames).containsExactly(f);
        assertThat(d.drops).isEmpty();
        assertThat(d.decoder.bufferedBytes()).isZero();
    }

    @Property
    @StatisticsReport(StatisticsReportMode.OFF) // coverage is checked, not printed
    void generated_garbage_never_breaks_the_decoder(@ForAll("garbage") byte[] input, @ForAll("chunkSizes") List<Integer> chunks) {
        requireCoverage(assertDecoderInvariants(input, chunks), 10);
    }

    @Property
    void random_noise_never_breaks_the_decoder(@ForAll("noise") byte[] input, @ForAll("chunkSizes") List<Integer> chunks) {
        assertDecoderInvariants(input, chunks);
    }

    @Property
    @StatisticsReport(StatisticsReportMode.OFF) // coverage is checked, not printed
    void mutated_corpus_inputs_never_break_the_decoder(@ForAll("mutatedCorpus") byte[] input,
            @ForAll("chunkSizes") List<Integer> chunks) {
        requireCoverage(assertDecoderInvariants(input, chunks), 15);
    }

    /** Fails the property unless at least 40 % of inputs dropped something and {@code framePercent} % yielded a frame. */
    private static void requireCoverage(RecordingDecoder d, int framePercent) {
        Statistics.label("drops").collect(!d.drops.isEmpty());
        Statistics.label("frames").collect(!d.frames.isEmpty());
        Statistics.label("drops").coverage(c -> c.check(true).percentage(p -> p >= 40));
        Statistics.label("frames").coverage(c -> c.check(true).percentage(p -> p >= framePercent));
    }

    @Property
    void one_shot_decoding_fails_only_with_the_typed_exception(@ForAll("garbage") byte[] input) {
        try {
            Dlt645Frame f = Dlt645Frame.decode(input);
            assertThat(f.dataLength()).isLessThanOrEqualTo(Dlt645Frame.MAX_REPLY_DATA);
        } catch (Dlt645FormatException e) {
            assertThat(e.reason()).isNotNull();
            assertThat(e.bytes().length).isLessThanOrEqualTo(input.length);
        }
    }

    @Property
    @StatisticsReport(StatisticsReportMode.OFF) // coverage is checked, not printed
    void a_valid_frame_after_any_garbage_is_found_on_its_last_byte(@ForAll("garbage") byte[] garbage,
            @ForAll("frames") Dlt645Frame f, @ForAll @IntRange(min = 0, max = 4) int preamble) {
        byte[] input = KnownAnswers.concat(garbage, f.encode(preamble));
        int frameStart = garbage.length + preamble;
        Assume.that(!anotherFrameOverlaps(input, frameStart, input.length));
        RecordingDecoder d = new RecordingDecoder();
        d.feed(garbage);
        boolean pending = d.decoder.bufferedBytes() > 0;
        Statistics.label("garbage leaves a partial frame").collect(pending);
        Statistics.label("garbage leaves a partial frame").coverage(c -> c.check(true).percentage(p -> p >= 10));

        d = new RecordingDecoder();
        for (int i = 0; i < input.length; i++) {
            List<Dlt645Frame> out = d.decoder.feed(input, i, 1);
            if (i == input.length - 1) {
                assertThat(out).isNotEmpty();
                assertThat(out.get(out.size() - 1)).isEqualTo(f);
            }
        }
        assertThat(d.decoder.bufferedBytes()).isZero();
    }

    @Property
    void frames_separated_by_noise_without_start_bytes_all_come_out_in_order(
            @ForAll @Size(max = 6) List<@net.jqwik.api.From("frames") Dlt645Frame> frames,
            @ForAll("noise") byte[] noise) {
        RecordingDecoder d = new RecordingDecoder();
        byte[] clean = new byte[noise.length];
        for (int i = 0; i < noise.length; i++) {
            clean[i] = noise[i] == (byte) Dlt645Frame.START ? 0 : noise[i];
        }
        for (Dlt645Frame f : frames) {
            d.feed(java.util.Arrays.copyOf(clean, Math.min(clean.length, 17)));
            d.feed(f.encode());
        }
        d.feed(clean);
        assertThat(d.frames).isEqualTo(frames);
        assertThat(d.drops).isEmpty();
    }

    /** Checks what must hold for any input: no exception, bounded memory, every byte accounted for. */
    private static RecordingDecoder assertDecoderInvariants(byte[] input, List<Integer> chunks) {
        RecordingDecoder d = new RecordingDecoder();
        int off = 0;
        int c = 0;
        while (off < input.length) {
            int n = Math.min(chunks.get(c++ % chunks.size()), input.length - off);
            d.frames.addAll(d.decoder.feed(input, off, n));
            off += n;
            assertThat(d.decoder.bufferedBytes()).isBetween(0, Dlt645Frame.OVERHEAD + Dlt645Frame.MAX_REPLY_DATA);
        }
        long inFrames = d.frames.stream().mapToLong(f -> f.encode().length).sum();
        assertThat(d.decoder.discardedBytes() + inFrames + d.decoder.bufferedBytes()).isEqualTo(input.length);
        for (Dlt645Frame f : d.frames) {
            assertThat(indexOf(input, f.encode())).as("a returned frame was fed").isGreaterThanOrEqualTo(0);
        }
        d.decoder.idle(Duration.ofSeconds(1));
        assertThat(d.decoder.bufferedBytes()).isZero();
        for (Dlt645FormatException e : d.drops) {
            assertThat(e.bytes()).isNotEmpty().hasSizeLessThanOrEqualTo(Dlt645Frame.MAX_FRAME_BYTES);
            assertThat(e.bytes()[0]).isEqualTo((byte) Dlt645Frame.START);
        }
        assertThat(d.decoder.droppedFrames()).isEqualTo(d.drops.size());
        return d;
    }

    private static void feedInChunks(RecordingDecoder d, byte[] input, List<Integer> chunks) {
        int off = 0;
        int c = 0;
        while (off < input.length) {
            int n = Math.min(chunks.get(c++ % chunks.size()), input.length - off);
            d.frames.addAll(d.decoder.feed(input, off, n));
            off += n;
        }
    }

    /**
     * Whether some valid frame other than the one at {@code frameStart} ends inside it: garbage
     * can legitimately spell a frame that swallows the start of the next one, and then no
     * decoder can return both. The property only claims the frame when that is not so.
     */
    private static boolean anotherFrameOverlaps(byte[] input, int frameStart, int frameEnd) {
        for (int s = 0; s + Dlt645Frame.OVERHEAD <= frameEnd; s++) {
            if (s == frameStart || (input[s] & 0xFF) != Dlt645Frame.START) {
                continue;
            }
            int e = s + Dlt645Frame.OVERHEAD + (input[s + 9] & 0xFF);
            if (e > frameStart && e <= frameEnd) {
                try {
                    Dlt645Frame.decode(input, s, e - s);
                    return true;
                } catch (Dlt645FormatException notAFrame) {
                    // keep looking
                }
            }
        }
        return false;
    }

    private static byte[] mutate(byte[] seed, List<int[]> mutations) {
        List<Byte> b = new ArrayList<>();
        for (byte x : seed) {
            b.add(x);
        }
        for (int[] m : mutations) {
            int at = b.isEmpty() ? 0 : m[1] % (b.size() + 1);
            switch (m[0] % 4) {
                case 0 -> { if (at < b.size()) { b.set(at, (byte) (b.get(at) ^ (1 << m[2] % 8))); } }
                case 1 -> b.add(at, (byte) m[2]);
                case 2 -> { if (at < b.size()) { b.remove(at); } }
                default -> b.addAll(at, new ArrayList<>(b.subList(m[2] % (b.size() + 1) / 2, b.size() / 2)));
            }
        }
        byte[] out = new byte[b.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(i);
        }
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
