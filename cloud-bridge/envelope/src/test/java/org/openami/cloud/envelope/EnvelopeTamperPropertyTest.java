package org.openami.cloud.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.openami.cloud.message.Mutations;
import org.openami.cloud.message.Samples;

/**
 * Tampering and fuzzing: any single flipped bit of a valid envelope, arbitrary bytes, and random
 * mutations of every valid corpus envelope are refused with an {@link EnvelopeException}, never
 * accepted and never another exception.
 */
class EnvelopeTamperPropertyTest {

    private static final byte[] UPLINK = TestVector.envelope();
    private static final byte[] DOWNLINK = Fixtures.downlinkSealer().seal(Samples.command(), 7, Fixtures.T0);
    private static final byte[] LARGE = Fixtures.uplinkSealer().seal(Samples.telemetry(500), 8, Fixtures.T0);

    @Property(generation = GenerationMode.EXHAUSTIVE, tries = 10_000)
    void everyBitOfAnUplinkEnvelopeIsProtected(@ForAll("uplinkPositions") int position, @ForAll @IntRange(max = 7) int bit) {
        assertRefused(flip(UPLINK, position, bit), Fixtures.cloudKeys());
    }

    @Property(generation = GenerationMode.EXHAUSTIVE, tries = 10_000)
    void everyBitOfADownlinkEnvelopeIsProtected(@ForAll("downlinkPositions") int position, @ForAll @IntRange(max = 7) int bit) {
        assertRefused(flip(DOWNLINK, position, bit), Fixtures.concKeys());
    }

    @Property(tries = 1500)
    void anyBitOfALargeEnvelopeIsProtected(@ForAll("largePositions") int position, @ForAll @IntRange(max = 7) int bit) {
        assertRefused(flip(LARGE, position, bit), Fixtures.cloudKeys());
    }

    @Property(tries = 3000)
    void arbitraryBytesAreRefused(@ForAll @Size(max = 400) byte[] input) {
        assertRefused(input, Fixtures.cloudKeys());
        Throwable peek = catchThrowable(() -> EnvelopeOpener.peekHeader(input));
        assertThat(peek == null || peek instanceof EnvelopeException).as(String.valueOf(peek)).isTrue();
    }

    @Property(tries = 3000)
    void arbitraryBytesAfterAPlausibleHeaderAreRefused(@ForAll @Size(max = 300) byte[] tail, @ForAll @IntRange(max = 15) int cut) {
        byte[] env = Arrays.copyOf(UPLINK, 20 + cut + tail.length);
        System.arraycopy(tail, 0, env, 20 + cut, tail.length);
        assertRefused(env, Fixtures.cloudKeys());
    }

    @Property(tries = 3000)
    void mutatedCorpusEnvelopesAreRefused(@ForAll("validEnvelopes") byte[] valid,
                                          @ForAll("mutations") List<int[]> mutations) throws Exception {
        byte[] mutated = Mutations.apply(valid, mutations);
        Throwable t = catchThrowable(() -> CorpusTest.open(mutated));
        if (t == null) {
            assertThat(mutated).as("only an unchanged envelope opens").isEqualTo(valid);
        } else {
            assertThat(t).isInstanceOf(EnvelopeException.class);
        }
    }

    private static void assertRefused(byte[] env, KeyLookup keys) {
        Throwable t = catchThrowable(() -> Fixtures.opener(keys, Fixtures.T0).open(env));
        assertThat(t).as("tampered envelope must be refused").isInstanceOf(EnvelopeException.class);
    }

    private static byte[] flip(byte[] b, int position, int bit) {
        byte[] out = b.clone();
        out[position] ^= (byte) (1 << bit);
        return out;
    }

    @Provide
    Arbitrary<Integer> uplinkPositions() {
        return Arbitraries.integers().between(0, UPLINK.length - 1);
    }

    @Provide
    Arbitrary<Integer> downlinkPositions() {
        return Arbitraries.integers().between(0, DOWNLINK.length - 1);
    }

    @Provide
    Arbitrary<Integer> largePositions() {
        return Arbitraries.integers().between(0, LARGE.length - 1);
    }

    @Provide
    Arbitrary<List<int[]>> mutations() {
        return Mutations.mutations();
    }

    @Provide
    Arbitrary<byte[]> validEnvelopes() throws Exception {
        List<byte[]> valid = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : CorpusTest.read("envelope").entrySet()) {
            if (e.getKey().endsWith("--OK.bin")) {
                valid.add(e.getValue());
            }
        }
        return Arbitraries.of(valid);
    }
}
