package org.openami.concentrator.prepay;

/**
 * A relay state as the engine wants it ({@link #CLOSED} or {@link #OPEN}) or as the meter's
 * status word reports it.
 */
public enum RelayState {
    /** Supply on. */
    CLOSED,
    /** Supply cut; the meter holds the relay open. */
    OPEN,
    /**
     * Reported only: the meter no longer holds the relay open but the contact is still open,
     * waiting for the customer's button (after {@link ReconnectMode#CLOSE_ALLOWED}).
     */
    CLOSE_ALLOWED,
    /** Reported only: nothing observed yet. */
    UNKNOWN
}
