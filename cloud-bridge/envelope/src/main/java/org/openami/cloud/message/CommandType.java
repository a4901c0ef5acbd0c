package org.openami.cloud.message;

/** What a {@link Command} asks a concentrator to do. Sent as its name. */
public enum CommandType {
    /** Read a meter (or every meter of the concentrator) now. */
    READ_NOW,
    /** Open a meter's load relay (disconnect the supply). */
    RELAY_TRIP,
    /** Close a meter's load relay (reconnect the supply). */
    RELAY_CLOSE,
    /** Set a meter's clock (or every meter's) from the concentrator's. */
    TIME_SYNC,
    /** Load a new tariff table into a meter; the table travels in the parameters. */
    TARIFF_UPDATE,
    /**
     * Credit a prepaid account at the concentrator: parameters {@code account} and
     * {@code amount} (integer fen); the command id is the top-up's id, applied exactly once.
     */
    TOP_UP
}
