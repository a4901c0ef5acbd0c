/**
 * Virtual serial lines on real Linux pseudo-terminals.
 *
 * <p>{@link org.openami.sim.serial.PseudoTerminal} makes a pty pair through JNA and keeps
 * its slave side ({@code /dev/pts/N}) in raw mode, so that a serial library such as
 * jSerialComm opens it exactly as it opens a UART or an RS-485 adapter.
 * {@link org.openami.sim.serial.VirtualSerialLine} puts a simulated peripheral
 * ({@link org.openami.sim.serial.SerialDevice}) behind the master side, paces its replies
 * at the line's baud rate ({@link org.openami.sim.serial.LineTiming}) and injects line
 * faults.
 *
 * <p>Linux only (x86_64, aarch64). Blocking behaviour, threading and exceptions are stated
 * on each type.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.sim.serial;
