package org.openami.sim.board;

import java.time.Instant;
import org.openami.hal.relay.RelayState;
import org.openami.sim.load.LoadModel;
import org.openami.sim.load.PhaseState;
import org.openami.sim.relay.RelayModel;

/**
 * The customer's load as the meter sees it: behind the supply relay. While the relay's
 * contacts are open no current flows (voltage is still measured on the grid side).
 */
final class RelayGatedLoad implements LoadModel {

    private final LoadModel load;
    private final RelayModel relay;

    RelayGatedLoad(LoadModel load, RelayModel relay) {
        this.load = load;
        this.relay = relay;
    }

    @Override
    public PhaseState at(Instant time, int phase) {
        PhaseState s = load.at(time, phase);
        return relay.contacts() == RelayState.CLOSED ? s : new PhaseState(s.voltageV(), 0, 0, s.frequencyHz());
    }
}
