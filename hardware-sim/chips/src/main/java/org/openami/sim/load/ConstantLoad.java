package org.openami.sim.load;

import java.time.Instant;
import org.openami.hal.metering.ReferenceLoad;
import org.openami.hal.metering.ReferenceSource;

/**
 * A settable, steady load on every phase: the simulator's meter test bench. It is also the
 * {@link ReferenceSource} the HAL's calibration procedure drives. Thread-safe.
 */
public final class ConstantLoad implements LoadModel, ReferenceSource {

    private volatile PhaseState state;

    public ConstantLoad(PhaseState initial) {
        this.state = initial;
    }

    public void set(PhaseState newState) {
        this.state = newState;
    }

    @Override
    public void apply(ReferenceLoad load) {
        set(PhaseState.of(load, state.frequencyHz()));
    }

    @Override
    public PhaseState at(Instant time, int phase) {
        return state;
    }
}
