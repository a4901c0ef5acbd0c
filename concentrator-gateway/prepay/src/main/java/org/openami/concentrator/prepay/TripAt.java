package org.openami.concentrator.prepay;

/** The balance at or below which supply is cut (see {@link PrepayPolicy#tripLevelFen()}). */
public enum TripAt {
    /** At or below alarm amount 2. */
    ALARM2,
    /** At or below zero. */
    ZERO,
    /** At or below minus the overdraft limit: supply runs on credit down to the limit. */
    OVERDRAFT
}
