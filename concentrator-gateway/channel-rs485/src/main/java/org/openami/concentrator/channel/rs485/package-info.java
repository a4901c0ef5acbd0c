/**
 * The RS-485 edge of a channel: {@link org.openami.concentrator.channel.rs485.SerialTransport}
 * drives a serial port through jSerialComm (baud, parity, the kernel's RS-485 mode, echo of
 * 2-wire adapters). Core code uses it only through
 * {@link org.openami.concentrator.channel.Transport}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.concentrator.channel.rs485;
