package org.openami.concentrator.model;

/**
 * Why a reading was taken, which also fixes what its {@link Reading#dataTime()} means.
 */
public enum ReadingKind {
    /** Read now, on demand or by a task; data time = when the meter answered. */
    REALTIME,
    /** A 15-minute load-curve point; data time = the quarter hour it belongs to. */
    CURVE,
    /** The meter's daily freeze taken at the midnight that closes a day; data time = 00:00 local at the start of that day. */
    DAILY_FREEZE,
    /** The meter's monthly (settlement) freeze; data time = 00:00 local of the 1st of the month it closes. */
    MONTHLY_FREEZE
}
