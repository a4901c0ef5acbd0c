/**
 * Pi4J 2.x providers backed by simulated hardware: an SPI device is a chip model's register
 * map, a GPIO line is a wire shared with a relay or switch model. HAL drivers are given
 * Pi4J {@code Spi} and {@code DigitalOutput}/{@code DigitalInput} objects made by these
 * providers and cannot tell them from the real ones (pigpio, linuxfs).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.sim.pi4j;
