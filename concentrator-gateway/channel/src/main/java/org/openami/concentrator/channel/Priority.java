package org.openami.concentrator.channel;

/**
 * Who goes first when several requests wait for one medium. Lower ordinal goes first; within
 * a priority, requests go in submission order.
 */
public enum Priority {
    /** Relay trip/close, time sync, parameter writes: an operator or the prepay ledger waits. */
    CONTROL,
    /** A read somebody asked for now (an installer, the cloud). */
    ON_DEMAND,
    /** Scheduled collection: curves, freezes, back-fill. */
    SCHEDULED,
    /** Discovery sweeps and other bulk work that may wait. */
    BULK
}
