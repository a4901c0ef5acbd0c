package org.openami.sim.modbus;

import java.time.Duration;
import java.time.Instant;
import org.openami.sim.load.LoadModel;
import org.openami.sim.load.PhaseState;

/**
 * Integrates a load model's power into energy registers over simulated time, in slices of at
 * most {@link #MAX_STEP} evaluated at their midpoints, so the result does not depend on how
 * often the meter is read. Net system power decides import or export, as on a bidirectional
 * meter. Time that runs backwards is ignored, so energy never decreases. Not thread-safe: the
 * owning meter serialises calls.
 */
final class EnergyAccumulator {

    static final Duration MAX_STEP = Duration.ofSeconds(1);

    private final LoadModel load;
    private Instant last;
    private double importWh;
    private double exportWh;
    private double importVarh;
    private double exportVarh;
    private double apparentVah;

    EnergyAccumulator(LoadModel load, Instant start, double importWh, double exportWh) {
        this.load = load;
        this.last = start;
        this.importWh = importWh;
        this.exportWh = exportWh;
    }

    void advanceTo(Instant now) {
        while (last.isBefore(now)) {
            Instant end = last.plus(MAX_STEP).isBefore(now) ? last.plus(MAX_STEP) : now;
            Duration span = Duration.between(last, end);
            double hours = span.toNanos() / 3.6e12;
            Instant mid = last.plus(span.dividedBy(2));
            double p = 0;
            double q = 0;
            double s = 0;
            for (int phase = 0; phase < 3; phase++) {
                PhaseState st = load.at(mid, phase);
                p += st.activeW();
                q += st.reactiveVar();
                s += st.apparentVa();
            }
            if (p >= 0) {
                importWh += p * hours;
            } else {
                exportWh -= p * hours;
            }
            if (q >= 0) {
                importVarh += q * hours;
            } else {
                exportVarh -= q * hours;
            }
            apparentVah += s * hours;
            last = end;
        }
    }

    double importWh() {
        return importWh;
    }

    double exportWh() {
        return exportWh;
    }

    double importVarh() {
        return importVarh;
    }

    double exportVarh() {
        return exportVarh;
    }

    double apparentVah() {
        return apparentVah;
    }
}
