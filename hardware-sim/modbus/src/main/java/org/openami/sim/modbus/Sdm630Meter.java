package org.openami.sim.modbus;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openami.hal.time.HalClock;
import org.openami.sim.load.LoadModel;
import org.openami.sim.load.PhaseState;

/**
 * A three-phase, four-wire energy meter: instantaneous values come straight from a {@link
 * LoadModel} at the injected clock's time, energy is that power integrated over the clock's
 * time since the meter was made. With a {@link org.openami.sim.time.ManualClock} every value
 * is reproducible; energy never decreases, even if the clock is set back.
 *
 * <p>Thread-safe: {@link #snapshot()} is synchronised, and each call integrates up to the
 * clock's present and returns one consistent instant. It does not block otherwise; after a
 * long jump of simulated time it costs one load evaluation per simulated second per phase.
 */
public final class Sdm630Meter {

    private final LoadModel load;
    private final HalClock clock;
    private final EnergyAccumulator energy;

    /** A new meter with empty energy registers, starting at the clock's present. */
    public Sdm630Meter(LoadModel load, HalClock clock) {
        this(load, clock, 0, 0);
    }

    /**
     * A meter that already counted {@code importKwh} and {@code exportKwh} before the clock's
     * present (a meter installed years ago).
     *
     * @throws IllegalArgumentException if an energy is negative or not finite
     */
    public Sdm630Meter(LoadModel load, HalClock clock, double importKwh, double exportKwh) {
        this.load = Objects.requireNonNull(load, "load");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (!(importKwh >= 0) || !(exportKwh >= 0) || Double.isInfinite(importKwh) || Double.isInfinite(exportKwh)) {
            throw new IllegalArgumentException("initial energy must be finite and not negative: import "
                    + importKwh + " kWh, export " + exportKwh + " kWh");
        }
        this.energy = new EnergyAccumulator(load, clock.now(), importKwh * 1000, exportKwh * 1000);
    }

    /** The meter's values now (by the injected clock). */
    public synchronized MeterSnapshot snapshot() {
        var now = clock.now();
        energy.advanceTo(now);
        List<PhaseValues> phases = new ArrayList<>(3);
        double hz = 0;
        for (int p = 0; p < 3; p++) {
            PhaseState s = load.at(now, p);
            phases.add(new PhaseValues(s.voltageV(), s.currentA(), s.activeW(), s.reactiveVar(),
                    s.apparentVa(), s.lagDeg()));
            hz += s.frequencyHz();
        }
        return new MeterSnapshot(now, phases, hz / 3, energy.importWh() / 1000, energy.exportWh() / 1000,
                energy.importVarh() / 1000, energy.exportVarh() / 1000, energy.apparentVah() / 1000);
    }
}
