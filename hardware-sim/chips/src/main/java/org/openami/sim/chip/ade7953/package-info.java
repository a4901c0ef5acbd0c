/**
 * Register-level model of the Analog Devices ADE7953 single-phase metering IC behind its
 * SPI port, for testing the HAL driver through the real Pi4J path. Facts that the public
 * datasheet text did not settle are marked "assumed" where they are modelled.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.sim.chip.ade7953;
