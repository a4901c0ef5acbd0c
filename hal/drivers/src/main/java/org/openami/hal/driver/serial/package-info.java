/** UART lines for serial metering ICs: a small interface and its jSerialComm adapter. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.hal.driver.serial;
