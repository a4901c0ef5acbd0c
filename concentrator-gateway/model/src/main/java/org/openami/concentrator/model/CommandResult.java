package org.openami.concentrator.model;

import java.util.Objects;

/**
 * The outcome of a command sent to a meter (relay trip/close, on-demand read, time set...).
 *
 * @param commandId the id the command came with (unique per concentrator)
 * @param point     measurement point of the meter
 * @param meter     the meter's address
 * @param command   what was asked, e.g. "TRIP"
 * @param success   whether the meter confirmed it
 * @param reason    why it failed, or "" on success
 * @param time      epoch milliseconds the outcome was known
 */
public record CommandResult(String commandId, int point, String meter, String command,
                            boolean success, String reason, long time) {

    public CommandResult {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(reason, "reason");
    }
}
