/**
 * Register-level model of the Microchip (Atmel) ATM90E32AS three-phase metering IC behind
 * its 32-clock SPI frame: configuration and calibration registers with the CfgRegAccEn
 * write lock, measurement registers quantised from the shared metrology, read-with-clear
 * energy registers, LastSPIData, soft and power-on reset, and fault injection.
 *
 * <p>Register facts follow the project's ATM90E32AS fact sheet; where the public sources
 * are silent (calibration register encodings, some power-on defaults) the model documents
 * the assumption it makes on the class or constant concerned.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.sim.chip.atm90e32;
