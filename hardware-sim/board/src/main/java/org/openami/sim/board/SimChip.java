package org.openami.sim.board;

/** The metering ICs a simulated board can carry. */
public enum SimChip {
    /** Analog Devices ADE7953, single phase, on SPI bus 0, chip select 0. */
    ADE7953,
    /** Microchip ATM90E32AS, three phase, on SPI bus 0, chip select 1. */
    ATM90E32,
    /** Belling BL0942, single phase, on a UART (a pseudo-terminal), 4800 baud. */
    BL0942
}
