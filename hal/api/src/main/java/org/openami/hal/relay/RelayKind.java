package org.openami.hal.relay;

/** How the relay coil holds its state. */
public enum RelayKind {
    /** Holds one state only while the coil is energised; a single drive line. */
    MONOSTABLE,
    /**
     * Bistable: a coil pulse of at least the configured width moves the contacts, which then
     * stay there without power. Two drive lines (set = close, reset = open).
     */
    LATCHING
}
