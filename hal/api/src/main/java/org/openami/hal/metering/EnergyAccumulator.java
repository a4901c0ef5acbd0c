package org.openami.hal.metering;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Turns a metering chip's energy counters into energy deltas without ever losing a count.
 *
 * <p>Chips expose energy in two ways and drivers feed both here:
 * <ul>
 *   <li><b>free-running counters</b> that wrap at {@code 2^bits}: {@link #addCounterSample}
 *       takes the raw value and adds the distance from the previous one, modulo the width
 *       (so one wrap between two reads loses nothing);</li>
 *   <li><b>read-with-reset registers</b> that return what accumulated since the last read:
 *       {@link #addCounts} adds them directly.</li>
 * </ul>
 * Counts are scaled to nano-units (nWh, nvarh) with an exact integer factor and handed out
 * as whole milli-units by {@link #drain()}; the sub-milli remainder stays here.
 *
 * <p>The whole state (last raw value of each counter and each remainder) is in
 * {@link #state()}; a caller that persists it together with the energy it drained, and
 * gives it back with {@link #restore(State)} after a restart, loses nothing across driver
 * restarts either. Not thread-safe: the front end that owns it serialises calls.
 */
public final class EnergyAccumulator {

    private static final int N = EnergyQuantity.values().length;
    private static final long NANO_PER_MILLI = 1_000_000L;

    private final long nanoUnitsPerCount;
    private final long[] lastRaw = new long[N];
    private final boolean[] rawKnown = new boolean[N];
    private final long[] nano = new long[N];

    /**
     * @param nanoUnitsPerCount energy of one chip count in nWh (and nvarh for reactive),
     *                          after calibration; must be positive
     */
    public EnergyAccumulator(long nanoUnitsPerCount) {
        if (nanoUnitsPerCount <= 0) {
            throw new IllegalArgumentException("nanoUnitsPerCount must be positive: " + nanoUnitsPerCount);
        }
        this.nanoUnitsPerCount = nanoUnitsPerCount;
    }

    public long nanoUnitsPerCount() {
        return nanoUnitsPerCount;
    }

    /**
     * Adds the counts a free-running counter advanced since its previous sample.
     * The first sample after construction (without a restored state) only sets the baseline.
     *
     * @param raw  the counter value as read, {@code 0 <= raw < 2^bits}
     * @param bits counter width, 1..62
     * @return the counts added
     */
    public long addCounterSample(EnergyQuantity q, long raw, int bits) {
        if (bits < 1 || bits > 62) {
            throw new IllegalArgumentException("counter width out of range: " + bits);
        }
        long modulus = 1L << bits;
        if (raw < 0 || raw >= modulus) {
            throw new IllegalArgumentException("raw counter " + raw + " does not fit " + bits + " bits");
        }
        int i = q.ordinal();
        long delta = rawKnown[i] ? Math.floorMod(raw - lastRaw[i], modulus) : 0;
        lastRaw[i] = raw;
        rawKnown[i] = true;
        addCounts(q, delta);
        return delta;
    }

    /**
     * Tells the accumulator that the chip's counter restarted from zero (the chip was reset),
     * so the next sample counts from zero rather than from the last value seen.
     */
    public void counterRestarted(EnergyQuantity q) {
        lastRaw[q.ordinal()] = 0;
        rawKnown[q.ordinal()] = true;
    }

    /** Adds counts read from a read-with-reset register (or any other delta); never negative. */
    public void addCounts(EnergyQuantity q, long counts) {
        if (counts < 0) {
            throw new IllegalArgumentException("negative counts for " + q + ": " + counts);
        }
        nano[q.ordinal()] = Math.addExact(nano[q.ordinal()], Math.multiplyExact(counts, nanoUnitsPerCount));
    }

    /** Adds a signed count to {@code positive} or, if negative, its magnitude to {@code negative}. */
    public void addSignedCounts(long counts, EnergyQuantity positive, EnergyQuantity negative) {
        if (counts >= 0) {
            addCounts(positive, counts);
        } else {
            addCounts(negative, -counts);
        }
    }

    /** Hands out the whole milli-units accumulated since the last drain; keeps the remainder. */
    public EnergyDelta drain() {
        long[] milli = new long[N];
        for (int i = 0; i < N; i++) {
            milli[i] = nano[i] / NANO_PER_MILLI;
            nano[i] -= milli[i] * NANO_PER_MILLI;
        }
        return new EnergyDelta(milli[0], milli[1], milli[2], milli[3]);
    }

    /** A copy of the complete state, to persist together with the energy drained so far. */
    public State state() {
        return new State(lastRaw.clone(), rawKnown.clone(), nano.clone());
    }

    /** Puts back a state taken by {@link #state()} (for example after a driver restart). */
    public void restore(State s) {
        System.arraycopy(s.lastRaw, 0, lastRaw, 0, N);
        System.arraycopy(s.rawKnown, 0, rawKnown, 0, N);
        System.arraycopy(s.nano, 0, nano, 0, N);
    }

    /** Immutable accumulator state with a fixed-size binary form for persistence. */
    public static final class State {
        /** Size of {@link #toBytes()}. */
        public static final int BYTES = 1 + N * (8 + 1 + 8);
        private static final byte FORMAT = 1;

        private final long[] lastRaw;
        private final boolean[] rawKnown;
        private final long[] nano;

        private State(long[] lastRaw, boolean[] rawKnown, long[] nano) {
            this.lastRaw = lastRaw;
            this.rawKnown = rawKnown;
            this.nano = nano;
        }

        /** The raw counter value last sampled for {@code q}, or empty before its first sample. */
        public java.util.OptionalLong lastRaw(EnergyQuantity q) {
            return rawKnown[q.ordinal()] ? java.util.OptionalLong.of(lastRaw[q.ordinal()]) : java.util.OptionalLong.empty();
        }

        /** Remainder below one milli-unit, in nano-units. */
        public long remainderNano(EnergyQuantity q) {
            return nano[q.ordinal()];
        }

        public byte[] toBytes() {
            ByteBuffer b = ByteBuffer.allocate(BYTES).put(FORMAT);
            for (int i = 0; i < N; i++) {
                b.putLong(lastRaw[i]).put((byte) (rawKnown[i] ? 1 : 0)).putLong(nano[i]);
            }
            return b.array();
        }

        /** @throws IllegalArgumentException if the bytes are not a state of this format */
        public static State fromBytes(byte[] bytes) {
            if (bytes.length != BYTES || bytes[0] != FORMAT) {
                throw new IllegalArgumentException("not an energy accumulator state (" + bytes.length + " bytes)");
            }
            ByteBuffer b = ByteBuffer.wrap(bytes, 1, BYTES - 1);
            long[] raw = new long[N];
            boolean[] known = new boolean[N];
            long[] nano = new long[N];
            for (int i = 0; i < N; i++) {
                raw[i] = b.getLong();
                byte k = b.get();
                if (k != 0 && k != 1) {
                    throw new IllegalArgumentException("corrupt energy accumulator state");
                }
                known[i] = k == 1;
                nano[i] = b.getLong();
                if (raw[i] < 0 || nano[i] < 0) {
                    throw new IllegalArgumentException("corrupt energy accumulator state");
                }
            }
            return new State(raw, known, nano);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && Arrays.equals(lastRaw, s.lastRaw)
                    && Arrays.equals(rawKnown, s.rawKnown) && Arrays.equals(nano, s.nano);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(nano) * 31 + Arrays.hashCode(lastRaw);
        }
    }
}
