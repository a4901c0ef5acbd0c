package org.openami.sim.chip;

import java.time.Duration;
import java.time.Instant;
import java.util.function.IntFunction;
import org.openami.sim.load.LoadModel;
import org.openami.sim.load.PhaseState;

/**
 * Integrates a chip's measured energy, and the true energy, over simulated time. A chip
 * model calls {@link #advanceTo(Instant)} before every register access; the integrator
 * steps from the last instant in slices of at most {@link #MAX_STEP}, evaluating the load at
 * each slice's midpoint, so the result does not depend on how often the driver reads.
 * Measured energy per phase is kept in watt-hours until the chip converts whole counts out
 * with {@link #takeCounts}. Thread-safe.
 */
public final class EnergyIntegrator {

    /** Longest slice of time integrated with one evaluation of the load. */
    public static final Duration MAX_STEP = Duration.ofMillis(250);

    private final LoadModel load;
    private final AnalogErrors[] errors;
    private final IntFunction<ChipCorrection> corrections;
    private final GroundTruth truth = new GroundTruth();
    private final double[] activeWh;
    private final double[] reactiveWh;
    private Instant last;

    /**
     * @param corrections the chip's current calibration per phase, decoded from its registers
     */
    public EnergyIntegrator(LoadModel load, AnalogErrors[] errors, IntFunction<ChipCorrection> corrections, Instant start) {
        this.load = load;
        this.errors = errors.clone();
        this.corrections = corrections;
        this.activeWh = new double[errors.length];
        this.reactiveWh = new double[errors.length];
        this.last = start;
    }

    public GroundTruth groundTruth() {
        return truth;
    }

    /** The chip's view of phase {@code p} at {@code t}. */
    public Measurement measure(Instant t, int p) {
        return Measurement.of(load.at(t, p), errors[p], corrections.apply(p));
    }

    public synchronized void advanceTo(Instant now) {
        while (last.isBefore(now)) {
            Instant end = last.plus(MAX_STEP).isBefore(now) ? last.plus(MAX_STEP) : now;
            double hours = Duration.between(last, end).toNanos() / 3.6e12;
            Instant mid = last.plus(Duration.between(last, end).dividedBy(2));
            for (int p = 0; p < errors.length; p++) {
                PhaseState s = load.at(mid, p);
                Measurement m = Measurement.of(s, errors[p], corrections.apply(p));
                activeWh[p] += m.activeW() * hours;
                reactiveWh[p] += m.reactiveVar() * hours;
                truth.add(s.activeW() * hours, s.reactiveVar() * hours);
            }
            last = end;
        }
    }

    /**
     * Removes the whole counts of {@code whPerCount} accumulated on a phase and returns them
     * (signed: negative for export); the fraction of a count stays for later.
     */
    public synchronized long takeCounts(int phase, boolean reactive, double whPerCount) {
        double[] acc = reactive ? reactiveWh : activeWh;
        long counts = (long) (acc[phase] / whPerCount);
        acc[phase] -= counts * whPerCount;
        return counts;
    }

    /** Drops the fractions of a count the chip was holding (what a chip reset does). */
    public synchronized void clearPending() {
        java.util.Arrays.fill(activeWh, 0);
        java.util.Arrays.fill(reactiveWh, 0);
    }
}
