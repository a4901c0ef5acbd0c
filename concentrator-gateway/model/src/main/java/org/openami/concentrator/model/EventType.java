package org.openami.concentrator.model;

/** What a {@link MeterEvent} reports. */
public enum EventType {
    /** A meter did not answer within its collection window after every retry. */
    COLLECTION_FAILED,
    /** Daily data of a past day could not be back-filled (the meter no longer holds it or did not answer). */
    BACKFILL_FAILED,
    /** The store had to drop data the cloud has not received, to stay within its disk limit. */
    UNDELIVERED_DATA_EVICTED,
    /** The store is close to its disk limit with undelivered data. */
    STORE_NEAR_FULL,
    /** A meter answered with another meter's address (wiring or archive error). */
    ADDRESS_MISMATCH,
    /** Discovery found a meter on a bus. */
    METER_DISCOVERED,
    /** A configuration was refused; detail names the property. */
    CONFIGURATION_REFUSED,
    /** A downlink command was refused before execution (bad signature, expired, replayed, malformed); detail says why. */
    COMMAND_REFUSED,
    /** The uplink lost or regained its broker connection; detail says which and why. */
    UPLINK_STATE,
    /** Local prepayment: the balance fell to an alarm amount; the meter was told to alarm. */
    PREPAY_ALARM,
    /** Local prepayment: the balance is exhausted; the meter's relay was tripped (detail: balance, reason). */
    PREPAY_TRIP,
    /** Local prepayment: a trip is due but withheld until a protected window ends (night, weekend, holiday). */
    PREPAY_TRIP_DEFERRED,
    /** Local prepayment: after a top-up the supply was restored (close allowed or direct close). */
    PREPAY_RECONNECT,
    /** A relay command was accepted but the relay did not follow (welded contact, stuck open). */
    RELAY_NOT_FOLLOWING,
    /** A prepayment ledger entry (charge, top-up, opening balance), for the cloud's account history. */
    LEDGER_ENTRY
}
