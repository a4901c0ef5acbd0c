package org.openami.dlt645;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/** jqwik generators: valid frames, and garbage that looks like frames often enough to matter. */
final class FrameArbitraries {

    private static final List<ControlCode> CONTROLS = new ArrayList<>();

    static {
        for (int b = 0; b < 256; b++) {
            if (ControlCode.lookup(b) != null) {
                CONTROLS.add(ControlCode.lookup(b));
            }
        }
    }

    private FrameArbitraries() {
    }

    static Arbitrary<MeterAddress> specificAddresses() {
        return Arbitraries.longs().between(0, 999_999_999_998L).map(MeterAddress::of);
    }

    static Arbitrary<MeterAddress> anyAddresses() {
        Arbitrary<MeterAddress> wildcards = Combinators.combine(specificAddresses(), Arbitraries.integers().between(1, 6))
                .as((a, n) -> MeterAddress.parse("AA".repeat(n) + a.toString().substring(2 * n)));
        return Arbitraries.frequencyOf(List.of(
                weighted(6, specificAddresses()), weighted(2, wildcards), weighted(1, Arbitraries.just(MeterAddress.BROADCAST))));
    }

    static Arbitrary<Dlt645Frame> frames() {
        return Arbitraries.of(CONTROLS).flatMap(c -> {
            Arbitrary<MeterAddress> address = c.isFromMeter() ? specificAddresses() : anyAddresses();
            Arbitrary<byte[]> data = c.isAbnormal()
                    ? Arbitraries.integers().between(0, 0x7F).map(b -> new byte[] {b.byteValue()})
                    : Arbitraries.bytes().array(byte[].class).ofMaxSize(c.maxDataLength());
            return Combinators.combine(address, data).as((a, d) -> Dlt645Frame.of(a, c, d));
        });
    }

    /** Byte sequences mixing random bytes, framing bytes, frame fragments, damaged frames and whole frames. */
    static Arbitrary<byte[]> garbage() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(24);
        Arbitrary<byte[]> framing = Arbitraries.of((byte) 0x68, (byte) 0x16, (byte) 0xFE, (byte) 0xAA, (byte) 0x33,
                (byte) 0x99, (byte) 0x00, (byte) 0x91, (byte) 0xC8).array(byte[].class).ofMaxSize(16);
        Arbitrary<byte[]> fragments = frames().flatMap(f -> {
            byte[] w = f.encode();
            return Combinators.combine(Arbitraries.integers().between(0, w.length), Arbitraries.integers().between(0, w.length))
                    .as((x, y) -> Arrays.copyOfRange(w, Math.min(x, y), Math.max(x, y)));
        });
        Arbitrary<byte[]> damaged = Combinators.combine(frames(), Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(1, 255)).as((f, at, xor) -> {
                    byte[] w = f.encode();
                    w[at % w.length] ^= (byte) xor.intValue();
                    return w;
                });
        Arbitrary<byte[]> intact = Combinators.combine(frames(), Arbitraries.integers().between(0, Dlt645Frame.MAX_PREAMBLE))
                .as(Dlt645Frame::encode);
        Arbitrary<byte[]> chunk = Arbitraries.frequencyOf(List.of(weighted(3, random), weighted(3, framing),
                weighted(2, fragments), weighted(2, damaged), weighted(1, intact)));
        return chunk.list().ofMaxSize(8).map(parts -> KnownAnswers.concat(parts.toArray(new byte[0][])));
    }

    private static <T> Tuple2<Integer, Arbitrary<T>> weighted(int weight, Arbitrary<T> a) {
        return Tuple.of(weight, a);
    }
}
