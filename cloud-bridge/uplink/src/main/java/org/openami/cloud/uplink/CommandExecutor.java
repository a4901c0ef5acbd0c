package org.openami.cloud.uplink;

import java.util.concurrent.CompletableFuture;
import org.openami.cloud.message.Command;

/**
 * Carries out a downlink command that passed every check (signature, expiry, replay). The
 * concentrator's components implement it with the meter buses; the uplink turns the outcome
 * into a command result sent back to the cloud.
 */
public interface CommandExecutor {

    /** Starts the command; the future completes with its outcome (never exceptionally on purpose). */
    CompletableFuture<CommandOutcome> execute(Command command);

    /** What came of a command. */
    record CommandOutcome(boolean success, String detail) {
        public CommandOutcome {
            java.util.Objects.requireNonNull(detail, "detail");
        }

        public static CommandOutcome ok(String detail) {
            return new CommandOutcome(true, detail);
        }

        public static CommandOutcome failed(String detail) {
            return new CommandOutcome(false, detail);
        }
    }
}
