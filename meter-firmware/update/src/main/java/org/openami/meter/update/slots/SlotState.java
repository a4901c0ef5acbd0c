package org.openami.meter.update.slots;

import java.util.Objects;
import java.util.Optional;
import org.openami.meter.update.FirmwareVersion;

/**
 * The persistent state of an install directory: both slots, the highest version ever committed
 * (anti-rollback), the boot attempts used by a pending trial, and the last transition.
 * Immutable. At most one slot is {@link SlotStatus#ACTIVE} and at most one is
 * {@link SlotStatus#TRIAL}.
 *
 * @param a                 slot A
 * @param b                 slot B
 * @param highestVersion    highest version ever committed, or null before the first commit
 * @param trialBootAttempts boots already handed to the pending trial (0 without a trial)
 * @param last              the last transition, or null if nothing happened yet
 */
public record SlotState(SlotInfo a, SlotInfo b, FirmwareVersion highestVersion, int trialBootAttempts, LastResult last) {

    /** The state of a fresh install directory. */
    public static final SlotState INITIAL = new SlotState(SlotInfo.UNUSED, SlotInfo.UNUSED, null, 0, null);

    /** @throws IllegalArgumentException if both slots are ACTIVE or both TRIAL, or attempts are negative */
    public SlotState {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.status() == b.status() && (a.status() == SlotStatus.ACTIVE || a.status() == SlotStatus.TRIAL)) {
            throw new IllegalArgumentException("both slots are " + a.status());
        }
        if (trialBootAttempts < 0) {
            throw new IllegalArgumentException("negative boot attempts");
        }
    }

    /** The state of one slot. */
    public SlotInfo info(Slot slot) {
        return slot == Slot.A ? a : b;
    }

    /** The slot that boots, if any. */
    public Optional<Slot> active() {
        return find(SlotStatus.ACTIVE);
    }

    /** The slot waiting for its health check or boot confirmation, if any. */
    public Optional<Slot> trial() {
        return find(SlotStatus.TRIAL);
    }

    /** The version of the active slot, if any. */
    public Optional<FirmwareVersion> activeVersion() {
        return active().map(s -> info(s).version());
    }

    /** The highest version ever committed, if any. */
    public Optional<FirmwareVersion> highest() {
        return Optional.ofNullable(highestVersion);
    }

    /** The last transition, if any. */
    public Optional<LastResult> lastResult() {
        return Optional.ofNullable(last);
    }

    SlotState with(Slot slot, SlotInfo info) {
        return slot == Slot.A ? new SlotState(info, b, highestVersion, trialBootAttempts, last)
                : new SlotState(a, info, highestVersion, trialBootAttempts, last);
    }

    SlotState withHighest(FirmwareVersion v) {
        return new SlotState(a, b, v, trialBootAttempts, last);
    }

    SlotState withBootAttempts(int n) {
        return new SlotState(a, b, highestVersion, n, last);
    }

    SlotState withLast(LastResult r) {
        return new SlotState(a, b, highestVersion, trialBootAttempts, r);
    }

    private Optional<Slot> find(SlotStatus status) {
        if (a.status() == status) {
            return Optional.of(Slot.A);
        }
        return b.status() == status ? Optional.of(Slot.B) : Optional.empty();
    }
}
