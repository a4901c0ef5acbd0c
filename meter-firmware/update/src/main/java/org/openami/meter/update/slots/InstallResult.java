package org.openami.meter.update.slots;

import java.util.Objects;
import org.openami.meter.update.FirmwareManifest;

/**
 * What {@link FirmwareInstaller#install} did with a verified package. Immutable.
 *
 * @param outcome  committed or rolled back
 * @param slot     the slot the package was unpacked into
 * @param manifest the package's manifest
 * @param health   the health-check result that decided
 * @param state    the slot state afterwards
 */
public record InstallResult(Outcome outcome, Slot slot, FirmwareManifest manifest, HealthResult health, SlotState state) {

    /** How an install ended. */
    public enum Outcome {
        /** The new firmware passed its health check and is now active. */
        COMMITTED,
        /** The new firmware failed its health check; the previous active slot is unchanged. */
        ROLLED_BACK
    }

    /** @throws NullPointerException if an argument is null */
    public InstallResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(state, "state");
    }

    /** True if the new firmware is active. */
    public boolean committed() {
        return outcome == Outcome.COMMITTED;
    }

    /** One line for people: what happened and which firmware runs now. */
    public String describe() {
        String running = state.active().map(s -> s + " (" + state.info(s).version() + ")").orElse("no firmware");
        return committed()
                ? "COMMITTED: " + manifest.product() + " " + manifest.version() + " is active in " + slot
                : "ROLLED BACK: " + manifest.product() + " " + manifest.version() + " in " + slot
                        + " failed its health check (" + health.detail() + "); active: " + running;
    }
}
