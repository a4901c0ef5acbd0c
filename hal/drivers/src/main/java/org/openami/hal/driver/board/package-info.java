/**
 * Assembling a {@link org.openami.hal.board.MeterBoard} from a wiring description and a Pi4J
 * context. The same assembler serves a real board (a Pi4J context with the pigpio/linuxfs
 * plugins) and a simulated one (a context with the simulator's providers): the composition
 * root chooses the context, nothing below it knows which.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.hal.driver.board;
