package org.openami.cloud.message;

import java.util.List;
import org.openami.concentrator.model.Reading;

/**
 * Readings sent up by a concentrator. The list is copied and immutable; its size and field
 * lengths are checked when encoded (see {@link MessageLimits}).
 *
 * @param readings the readings, in the order they are sent
 */
public record Telemetry(List<Reading> readings) implements Message {

    public Telemetry {
        readings = List.copyOf(readings);
    }

    @Override
    public MessageType type() {
        return MessageType.TELEMETRY;
    }
}
