/**
 * Driver for the Belling BL0942 single-phase metering IC on a UART
 * ({@link org.openami.hal.driver.bl0942.Bl0942FrontEnd}). It depends only on the HAL API and
 * the {@link org.openami.hal.driver.serial.SerialLine} interface; the composition root opens
 * the line (for example with {@code JSerialCommLine.open(path, UartSettings.of8N1(4800))}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.hal.driver.bl0942;
