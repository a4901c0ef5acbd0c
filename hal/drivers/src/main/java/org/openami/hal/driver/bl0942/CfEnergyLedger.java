package org.openami.hal.driver.bl0942;

import static org.openami.hal.metering.EnergyQuantity.EXPORT_ACTIVE;
import static org.openami.hal.metering.EnergyQuantity.IMPORT_ACTIVE;

import org.openami.hal.driver.support.Bits;
import org.openami.hal.metering.EnergyAccumulator;
import org.openami.hal.metering.EnergyQuantity;

/**
 * Turns samples of the BL0942's algebraic CF_CNT (24 bit, wraps, counts down on export) into
 * import and export energy in an {@link EnergyAccumulator} whose unit is one nanowatt-hour,
 * without ever losing or double-counting a count, across wraps and driver restarts.
 *
 * <p><b>How the counter position persists.</b> The accumulator keeps one raw baseline per
 * quantity. This ledger keeps two virtual 24-bit counters in them: {@code Ci} (in the
 * IMPORT_ACTIVE slot) only moves up on import, {@code Ce} (EXPORT_ACTIVE) only moves up on
 * export, and always {@code Ci - Ce = CF_CNT (mod 2^24)}. A sample's signed distance
 * {@code d = CF_CNT - (Ci - Ce)}, sign-extended from 24 bits, is import if positive (Ci
 * advances by d) and export if negative (Ce advances by |d|), through
 * {@link EnergyAccumulator#addCounterSample}, so the persisted state always holds the chip
 * position and a restarted driver continues exactly. A chip reset sets both to 0
 * ({@link EnergyAccumulator#counterRestarted}), see {@link #chipReset()}.
 *
 * <p><b>Energy.</b> {@code addCounterSample} books one nWh per count; the rest of the count's
 * calibrated energy ({@code picoWhPerCount}) is added right after with
 * {@link EnergyAccumulator#addCounts}. The part below one nWh stays here per direction (it is
 * the only thing a driver restart loses: under 1 nWh). Between two samples the counter may
 * move at most 2^23 counts (1.5 MWh on the reference board). Not thread-safe.
 */
final class CfEnergyLedger {

    private static final int BITS = 24;
    private static final long MODULUS = 1L << BITS;
    private static final long PICO_PER_NANO = 1000;

    private final long[] remainderPicoWh = new long[2];
    private boolean restartSuspected;

    /**
     * The chip looked reset (MODE back at its default). Its counter then restarted from zero,
     * and the next {@link #sample} restarts both virtual counters with it, unless the counter
     * evidently kept counting (a false alarm: MODE misread or rewritten by someone else, or a
     * reset that spared CF_CNT). The next sample decides by the smaller of the two distances,
     * from zero or from the old position, so a false alarm books no bogus jump; a true reset is
     * misjudged only when the old position was itself within a few counts of zero.
     */
    void chipReset() {
        restartSuspected = true;
    }

    /**
     * Books the counter's movement since the previous sample (nothing for the very first).
     *
     * @param raw            CF_CNT as read, 0..2^24-1
     * @param picoWhPerCount calibrated energy of one count, at least 1 nWh
     * @return the signed count distance booked (positive import, negative export)
     */
    long sample(EnergyAccumulator acc, long raw, long picoWhPerCount) {
        if (picoWhPerCount < PICO_PER_NANO) {
            throw new IllegalArgumentException("a CF count must be worth at least 1 nWh: " + picoWhPerCount + " pWh");
        }
        EnergyAccumulator.State s = acc.state();
        CounterBaselines.Baseline ci = CounterBaselines.of(s, IMPORT_ACTIVE);
        CounterBaselines.Baseline ce = CounterBaselines.of(s, EXPORT_ACTIVE);
        if (!ci.known() || !ce.known()) {
            baseline(acc, raw, ci, ce);
            restartSuspected = false;
            return 0;
        }
        long d = Bits.signExtend(Math.floorMod(raw - (ci.raw() - ce.raw()), MODULUS), BITS);
        if (restartSuspected) {
            restartSuspected = false;
            long fromZero = Bits.signExtend(raw, BITS);
            if (Math.abs(fromZero) <= Math.abs(d)) {
                acc.counterRestarted(IMPORT_ACTIVE);
                acc.counterRestarted(EXPORT_ACTIVE);
                ci = new CounterBaselines.Baseline(0, true);
                ce = ci;
                d = fromZero;
            }
        }
        if (d > 0) {
            book(acc, IMPORT_ACTIVE, ci.raw(), d, picoWhPerCount);
        } else if (d < 0) {
            book(acc, EXPORT_ACTIVE, ce.raw(), -d, picoWhPerCount);
        }
        return d;
    }

    private void book(EnergyAccumulator acc, EnergyQuantity q, long virtualRaw, long counts, long picoWhPerCount) {
        int slot = q == IMPORT_ACTIVE ? 0 : 1;
        // counts * pWh split so that no product overflows: whole nWh first, then the pWh part
        long wholeNano = Math.multiplyExact(counts, picoWhPerCount / PICO_PER_NANO);
        long pico = counts * (picoWhPerCount % PICO_PER_NANO) + remainderPicoWh[slot];
        long nano = Math.addExact(wholeNano, pico / PICO_PER_NANO);
        remainderPicoWh[slot] = pico % PICO_PER_NANO;
        long booked = acc.addCounterSample(q, Math.floorMod(virtualRaw + counts, MODULUS), BITS);
        acc.addCounts(q, nano - booked);
    }

    /** First sample (or a half-known restored state): place the virtual counters, book nothing. */
    private static void baseline(EnergyAccumulator acc, long raw, CounterBaselines.Baseline ci,
                                 CounterBaselines.Baseline ce) {
        if (!ci.known() && !ce.known()) {
            acc.addCounterSample(IMPORT_ACTIVE, raw, BITS);
            acc.addCounterSample(EXPORT_ACTIVE, 0, BITS);
        } else if (!ci.known()) {
            acc.addCounterSample(IMPORT_ACTIVE, Math.floorMod(raw + ce.raw(), MODULUS), BITS);
        } else {
            acc.addCounterSample(EXPORT_ACTIVE, Math.floorMod(ci.raw() - raw, MODULUS), BITS);
        }
    }
}
