/**
 * Driver for the Analog Devices ADE7953 single-phase metering IC on SPI through Pi4J:
 * {@link org.openami.hal.driver.ade7953.Ade7953FrontEnd} and its board description
 * {@link org.openami.hal.driver.ade7953.Ade7953Config}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.hal.driver.ade7953;
