package org.openami.meter.update.slots;

import java.time.Instant;
import java.util.Objects;
import org.openami.meter.update.FirmwareVersion;

/**
 * The most recent transition, kept in the state file for {@code status}. Immutable.
 *
 * @param event   what happened
 * @param slot    the slot concerned, or null (a refused package touches no slot)
 * @param version the firmware version concerned, or null if unknown
 * @param detail  a one-line explanation (the refusal or failure reason)
 * @param at      when, from the injected clock
 */
public record LastResult(SlotEvent event, Slot slot, FirmwareVersion version, String detail, Instant at) {

    /** Longest detail kept; longer ones are cut. */
    public static final int MAX_DETAIL = 2000;

    /** @throws NullPointerException if event, detail or at is null */
    public LastResult {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(detail, "detail");
        detail = detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "..." : detail;
    }

    @Override
    public String toString() {
        return event + (slot == null ? "" : " " + slot) + (version == null ? "" : " " + version) + " at " + at
                + (detail.isEmpty() ? "" : ": " + detail);
    }
}
