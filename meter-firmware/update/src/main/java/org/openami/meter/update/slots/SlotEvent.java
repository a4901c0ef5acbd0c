package org.openami.meter.update.slots;

/** The kinds of transition recorded as the last result in the slot state. */
public enum SlotEvent {
    /** A verified package was unpacked into the inactive slot, which is now TRIAL. */
    TRIAL_STAGED,
    /** A trial passed its health check (or {@code markHealthy}) and became active. */
    COMMITTED,
    /** A trial failed (health check, boot attempts, manual) or the active slot was rolled back to the previous one. */
    ROLLED_BACK,
    /** A package was refused before any slot changed. */
    REFUSED
}
