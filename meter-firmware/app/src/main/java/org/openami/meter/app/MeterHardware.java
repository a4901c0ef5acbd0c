package org.openami.meter.app;

import org.openami.hal.board.MeterBoard;

/**
 * The board the meter application runs on, real or simulated, and how to release it.
 * {@code simulation} gives tests and the simulator access to the simulated side (load,
 * cover switch, relay model); it is null on real hardware.
 */
public record MeterHardware(MeterBoard board, org.openami.sim.board.SimulatedBoard simulation, AutoCloseable owner)
        implements AutoCloseable {

    @Override
    public void close() {
        try {
            owner.close();
        } catch (Exception ignored) {
            // shutting down: nothing useful to do with a failure to release the board
        }
    }
}
