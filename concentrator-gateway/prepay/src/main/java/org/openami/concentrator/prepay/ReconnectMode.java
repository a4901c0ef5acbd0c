package org.openami.concentrator.prepay;

/**
 * How supply is restored after a top-up lifts the balance above the reconnect level
 * (DL/T 645-2007 control frame 1CH, command byte 1BH or 1CH).
 */
public enum ReconnectMode {
    /**
     * Close allowed (1BH): the meter stops holding the relay open and the customer closes it
     * with the meter's button.
     */
    CLOSE_ALLOWED,
    /** Direct close (1CH): the meter closes the relay itself. */
    DIRECT_CLOSE
}
