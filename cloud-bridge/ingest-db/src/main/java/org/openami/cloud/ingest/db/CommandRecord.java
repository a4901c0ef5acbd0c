package org.openami.cloud.ingest.db;

import java.util.Objects;
import java.util.Optional;

/**
 * A command as {@link CommandLog} has it: what was sent, its state, and the result when one
 * arrived.
 *
 * @param command the command as sent (parameters as the database normalised the JSON)
 * @param state   where it stands
 * @param result  the result, once one arrived
 */
public record CommandRecord(SentCommand command, CommandState state, Optional<Result> result) {

    public CommandRecord {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(result, "result");
    }

    /**
     * The result reported for a command.
     *
     * @param success    whether the meter confirmed it
     * @param reason     why it failed, or ""
     * @param time       epoch milliseconds the concentrator knew the outcome
     * @param receivedAt epoch milliseconds the cloud received the result
     */
    public record Result(boolean success, String reason, long time, long receivedAt) {
        public Result {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
