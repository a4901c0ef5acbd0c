package org.openami.cloud.message;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;

/** Random byte-level mutations for fuzz-style properties over valid bodies and envelopes. */
public final class Mutations {

    private Mutations() {
    }

    /**
     * Applies mutations, each {kind, position, value}: 0 flip a bit, 1 set a byte, 2 insert a
     * byte, 3 delete a byte, 4 truncate.
     */
    public static byte[] apply(byte[] input, List<int[]> mutations) {
        byte[] b = input.clone();
        for (int[] m : mutations) {
            if (b.length == 0) {
                break;
            }
            int pos = Math.floorMod(m[1], b.length);
            switch (m[0]) {
                case 0 -> b[pos] ^= (byte) (1 << (m[2] & 7));
                case 1 -> b[pos] = (byte) m[2];
                case 2 -> {
                    byte[] n = new byte[b.length + 1];
                    System.arraycopy(b, 0, n, 0, pos);
                    n[pos] = (byte) m[2];
                    System.arraycopy(b, pos, n, pos + 1, b.length - pos);
                    b = n;
                }
                case 3 -> {
                    byte[] n = new byte[b.length - 1];
                    System.arraycopy(b, 0, n, 0, pos);
                    System.arraycopy(b, pos + 1, n, pos, b.length - pos - 1);
                    b = n;
                }
                default -> b = Arrays.copyOf(b, pos);
            }
        }
        return b;
    }

    public static Arbitrary<List<int[]>> mutations() {
        Arbitrary<int[]> one = Combinators.combine(
                Arbitraries.integers().between(0, 4).withDistribution(RandomDistribution.uniform()),
                Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.integers().between(0, 255)).as((k, p, v) -> new int[] {k, p, v});
        return one.list().ofMinSize(1).ofMaxSize(6);
    }

}
