package org.openami.meter.update.slots;

import java.util.Objects;

/**
 * What to start at boot. Immutable.
 *
 * @param content the firmware to run
 * @param trial   true if this is a trial boot: the firmware must call
 *                {@link FirmwareSlots#markHealthy()} once it is up, or it is rolled back after
 *                the allowed number of boots
 * @param attempt for a trial, which boot attempt this is (1-based); 0 otherwise
 */
public record BootSelection(SlotContent content, boolean trial, int attempt) {

    /** @throws NullPointerException if content is null */
    public BootSelection {
        Objects.requireNonNull(content, "content");
    }

    /** The slot to run. */
    public Slot slot() {
        return content.slot();
    }
}
