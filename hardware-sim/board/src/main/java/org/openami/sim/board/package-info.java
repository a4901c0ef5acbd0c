/**
 * Simulated meter boards: a chip model on a simulated SPI bus or a pseudo-terminal UART, a
 * relay model and a cover switch on the simulated GPIO header, the customer's load behind
 * the relay, all assembled into a HAL {@link org.openami.hal.board.MeterBoard} by the same
 * {@link org.openami.hal.driver.board.BoardAssembler} a real board uses.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.sim.board;
