package org.openami.sim.pi4j;

import java.io.IOException;

/**
 * A device on a simulated SPI bus: one full-duplex transfer with chip select held low
 * for its whole length. Called on the driver's thread; implementations synchronise
 * themselves if a model is also touched from elsewhere.
 */
@FunctionalInterface
public interface SpiDevice {

    /**
     * Clocks {@code tx.length} bytes out and fills {@code rx} (same length) with what the
     * device shifted back.
     *
     * @throws IOException to simulate a bus fault (the Pi4J layer reports it like pigpio does)
     */
    void transfer(byte[] tx, byte[] rx) throws IOException;
}
