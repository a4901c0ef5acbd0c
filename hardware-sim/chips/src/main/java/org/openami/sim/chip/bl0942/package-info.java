/**
 * Register-level model of the Belling BL0942 single-phase metering IC on its UART: a pure
 * byte-stream device (bytes in, reply bytes out) that a virtual serial line or a unit test
 * drives. See {@link org.openami.sim.chip.bl0942.Bl0942Model}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.sim.chip.bl0942;
