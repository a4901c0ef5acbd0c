package org.openami.cloud.message;

import java.util.List;
import org.openami.concentrator.model.CommandResult;

/**
 * Outcomes of commands, sent up by a concentrator. The list is copied and immutable; its size
 * and field lengths are checked when encoded (see {@link MessageLimits}).
 *
 * @param results the outcomes, in the order they are sent
 */
public record CommandResults(List<CommandResult> results) implements Message {

    public CommandResults {
        results = List.copyOf(results);
    }

    @Override
    public MessageType type() {
        return MessageType.COMMAND_RESULTS;
    }
}
