package org.openami.concentrator.modbus;

/**
 * Order of the two registers of a 32-bit value. Bytes within a register are always big-endian
 * (Modbus sends the high byte first); meters differ only in which register comes first.
 */
public enum WordOrder {
    /** High word in the lower address (Modbus's own convention, Eastron, most meters): {@code big} in map files. */
    BIG,
    /** Low word in the lower address ("word swapped"): {@code little} in map files. */
    LITTLE
}
