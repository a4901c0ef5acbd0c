package org.openami.hal.relay;

/** State of the supply relay's main contacts. */
public enum RelayState {
    /** Contacts closed: the customer has power. */
    CLOSED,
    /** Contacts open: supply cut off (tripped). */
    OPEN
}
