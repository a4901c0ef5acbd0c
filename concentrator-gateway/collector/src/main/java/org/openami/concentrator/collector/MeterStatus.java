package org.openami.concentrator.collector;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openami.concentrator.channel.FailureReason;

/**
 * How collection from one meter is going. Immutable snapshot.
 *
 * @param point               measurement point
 * @param meter               the meter's address
 * @param lastSuccess         epoch milliseconds of the last successful read per task kind;
 *                            kinds never read successfully are absent
 * @param consecutiveFailures failed reads since the last successful one (any task)
 * @param lastFailure         the last failed read, if any since the meter joined the archive
 */
public record MeterStatus(int point, String meter, Map<TaskKind, Long> lastSuccess, int consecutiveFailures,
                          Optional<Failure> lastFailure) {

    public MeterStatus {
        Objects.requireNonNull(meter, "meter");
        lastSuccess = Map.copyOf(lastSuccess);
        Objects.requireNonNull(lastFailure, "lastFailure");
    }

    /**
     * One failed read.
     *
     * @param task    the kind of task that failed
     * @param cause   the channel's {@link FailureReason} name ("TIMEOUT"), or for other
     *                failures a short cause: "STUCK" (no completion), "STORE" (the sink did
     *                not take the readings) or the exception's class name
     * @param message what was seen, at most 200 characters
     * @param time    epoch milliseconds the failure was processed
     */
    public record Failure(TaskKind task, String cause, String message, long time) {
        public Failure {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(message, "message");
        }

        /** The channel's failure reason, if the read failed in the channel. */
        public Optional<FailureReason> reason() {
            for (FailureReason r : FailureReason.values()) {
                if (r.name().equals(cause)) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return cause + ": " + message;
        }
    }
}
