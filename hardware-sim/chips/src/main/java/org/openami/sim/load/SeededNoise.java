package org.openami.sim.load;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Deterministic noise: a pseudo-random value per (seed, stream, time slot), independent of
 * how often or in which order it is asked for. Thread-safe.
 */
public final class SeededNoise {

    private final long seed;

    public SeededNoise(long seed) {
        this.seed = seed;
    }

    /** A standard normal value for {@code stream} in the slot of {@code slotMillis} holding {@code t}. */
    public double gaussian(int stream, Instant t, long slotMillis) {
        long slot = Math.floorDiv(t.toEpochMilli(), slotMillis);
        return new SplittableRandom(mix(seed, stream, slot)).nextGaussian();
    }

    /** Smoothly varying value in [-1, 1]: linear interpolation between per-slot uniforms. */
    public double smooth(int stream, Instant t, long slotMillis) {
        double pos = (double) t.toEpochMilli() / slotMillis;
        long slot = (long) Math.floor(pos);
        double frac = pos - slot;
        double a = new SplittableRandom(mix(seed, stream, slot)).nextDouble(-1, 1);
        double b = new SplittableRandom(mix(seed, stream, slot + 1)).nextDouble(-1, 1);
        return a + (b - a) * frac;
    }

    private static long mix(long seed, int stream, long slot) {
        long h = seed * 0x9E3779B97F4A7C15L + stream * 0xC2B2AE3D27D4EB4FL + slot * 0x165667B19E3779F9L;
        return h ^ (h >>> 29);
    }
}
