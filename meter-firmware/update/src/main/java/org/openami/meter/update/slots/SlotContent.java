package org.openami.meter.update.slots;

import java.nio.file.Path;
import java.util.Objects;
import org.openami.meter.update.FirmwareManifest;

/**
 * Firmware unpacked in a slot. Immutable.
 *
 * @param slot     the slot
 * @param dir      the slot directory; the payload is in {@code dir/app/}
 * @param manifest the verified manifest stored with it
 */
public record SlotContent(Slot slot, Path dir, FirmwareManifest manifest) {

    /** @throws NullPointerException if an argument is null */
    public SlotContent {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(manifest, "manifest");
    }
}
