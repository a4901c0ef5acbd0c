package org.openami.sim.load;

import java.time.Instant;

/** The physical state of each phase over time. Implementations are thread-safe and pure. */
@FunctionalInterface
public interface LoadModel {

    /** @param phase 0 = A, 1 = B, 2 = C */
    PhaseState at(Instant time, int phase);
}
