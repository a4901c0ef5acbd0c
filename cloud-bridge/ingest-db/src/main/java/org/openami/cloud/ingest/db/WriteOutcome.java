package org.openami.cloud.ingest.db;

import java.util.Objects;

/**
 * What one {@link IngestWriter} call did.
 *
 * @param status   whether the envelope was applied or refused
 * @param inserted new rows stored (readings, events, command results)
 * @param changed  existing rows changed: readings whose value differed (last write wins), or
 *                 commands moved to a final state by their result; 0 unless {@link Status#APPLIED}
 */
public record WriteOutcome(Status status, int inserted, int changed) {

    /** Whether the envelope's contents were written. */
    public enum Status {
        /** A new envelope: its records were written (those already stored identically were skipped). */
        APPLIED,
        /** The same envelope (equal digest) was applied before: a redelivered copy; nothing written. */
        DUPLICATE,
        /** The sequence number was used before for an envelope with another digest; nothing written. */
        SEQUENCE_REUSED
    }

    public WriteOutcome {
        Objects.requireNonNull(status, "status");
        if (inserted < 0 || changed < 0) {
            throw new IllegalArgumentException("negative count: inserted " + inserted + ", changed " + changed);
        }
        if (status != Status.APPLIED && (inserted != 0 || changed != 0)) {
            throw new IllegalArgumentException(status + " writes nothing");
        }
    }

    /** An applied envelope with these counts. */
    public static WriteOutcome applied(int inserted, int changed) {
        return new WriteOutcome(Status.APPLIED, inserted, changed);
    }

    /** A refused envelope: nothing written. */
    public static WriteOutcome refused(Status status) {
        if (status == Status.APPLIED) {
            throw new IllegalArgumentException("APPLIED is not a refusal");
        }
        return new WriteOutcome(status, 0, 0);
    }

    /** Whether the contents were written. */
    public boolean applied() {
        return status == Status.APPLIED;
    }
}
