package org.openami.sim.board;

import org.openami.hal.driver.board.FrontEndFactory;
import org.openami.sim.chip.ChipFaults;
import org.openami.sim.chip.GroundTruth;

/**
 * A chip model mounted on a simulated board: how its driver reaches it, and the handles a
 * test or the demo uses on the simulated side.
 */
public interface ChipSocket extends AutoCloseable {

    /** Opens the driver on the chip's bus (a Pi4J SPI device or the pseudo-terminal). */
    FrontEndFactory frontEnd();

    int phaseCount();

    GroundTruth groundTruth();

    ChipFaults faults();

    /** The chip loses power for a moment: every register back to its default. */
    void powerOnReset();

    @Override
    void close();
}
