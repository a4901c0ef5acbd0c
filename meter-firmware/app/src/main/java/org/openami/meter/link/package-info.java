/**
 * The meter's RS-485 transport for DL/T 645-2007: {@link org.openami.meter.link.SerialSlaveLink}
 * answers a master on a real serial port through jSerialComm, on behalf of a
 * {@link org.openami.meter.link.FrameHandler} (the protocol engine, which lives elsewhere);
 * {@link org.openami.meter.link.MultiDropBus} and {@link org.openami.meter.link.SimulatedBus}
 * put many meters' handlers on one simulated bus behind a pseudo-terminal, collisions
 * included, for concentrator tests.
 */
package org.openami.meter.link;
