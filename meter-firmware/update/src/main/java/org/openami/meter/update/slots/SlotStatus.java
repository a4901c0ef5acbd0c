package org.openami.meter.update.slots;

/** What a slot holds. */
public enum SlotStatus {
    /** Nothing usable (never installed, or being overwritten). */
    EMPTY,
    /** Unpacked and waiting for its health check or for {@link FirmwareSlots#markHealthy()}. */
    TRIAL,
    /** The firmware that boots. */
    ACTIVE,
    /** The firmware that was active before the current one: the target of a manual rollback. */
    PREVIOUS,
    /** Failed its health check or its boot attempts, or was rolled back; the reason is kept. */
    FAILED
}
