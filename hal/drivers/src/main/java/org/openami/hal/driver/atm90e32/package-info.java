/**
 * Driver for the Microchip (Atmel) ATM90E32AS three-phase metering IC on SPI through Pi4J:
 * configuration, calibration mapped onto the chip's gain/phase/offset registers,
 * read-with-clear energy registers, and reset detection via MeterEn.
 *
 * <p>Wiring: SPI mode 3 (mode 0 also reported to work), MSB first, 1 MHz proven in the
 * field (the datasheet maximum was not verified), one 32-clock frame per chip-select cycle.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.hal.driver.atm90e32;
