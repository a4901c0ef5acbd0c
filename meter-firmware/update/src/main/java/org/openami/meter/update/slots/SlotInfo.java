package org.openami.meter.update.slots;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.openami.meter.update.FirmwareVersion;

/**
 * The state of one slot. Immutable.
 *
 * @param status  what the slot holds
 * @param version the firmware version, null exactly when {@code status} is {@link SlotStatus#EMPTY}
 * @param reason  why the slot failed or was rolled back, else empty
 * @param since   when the status was set (from the injected clock), null for a never-used slot
 */
public record SlotInfo(SlotStatus status, FirmwareVersion version, String reason, Instant since) {

    /** A never-used slot. */
    public static final SlotInfo UNUSED = new SlotInfo(SlotStatus.EMPTY, null, "", null);

    /** @throws IllegalArgumentException if the version does not fit the status */
    public SlotInfo {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        if ((status == SlotStatus.EMPTY) != (version == null)) {
            throw new IllegalArgumentException("a slot has a version exactly when it is not EMPTY");
        }
    }

    /** The version, if the slot is not empty. */
    public Optional<FirmwareVersion> versionIfAny() {
        return Optional.ofNullable(version);
    }

    /** The same version with another status and reason. */
    SlotInfo with(SlotStatus newStatus, String newReason, Instant at) {
        return new SlotInfo(newStatus, newStatus == SlotStatus.EMPTY ? null : version, newReason, at);
    }

    @Override
    public String toString() {
        return status + (version == null ? "" : " " + version) + (reason.isEmpty() ? "" : " (" + reason + ")");
    }
}
