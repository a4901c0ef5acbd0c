package org.openami.sim.load;

import java.time.Instant;
import org.openami.hal.metering.ReferenceLoad;
import org.openami.hal.metering.ReferenceSource;

/**
 * A load that can be swapped at run time: a board runs its customer's profile, and the
 * calibration procedure takes it over as a test bench ({@link #apply}) and hands it back
 * ({@link #use}). Thread-safe.
 */
public final class SwitchableLoad implements LoadModel, ReferenceSource {

    private volatile LoadModel current;

    public SwitchableLoad(LoadModel initial) {
        this.current = initial;
    }

    public void use(LoadModel model) {
        this.current = model;
    }

    public LoadModel current() {
        return current;
    }

    @Override
    public void apply(ReferenceLoad load) {
        use(new ConstantLoad(PhaseState.of(load, 50)));
    }

    @Override
    public PhaseState at(Instant time, int phase) {
        return current.at(time, phase);
    }
}
