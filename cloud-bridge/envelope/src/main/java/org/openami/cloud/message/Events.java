package org.openami.cloud.message;

import java.util.List;
import org.openami.concentrator.model.MeterEvent;

/**
 * Events sent up by a concentrator. The list is copied and immutable; its size and field
 * lengths are checked when encoded (see {@link MessageLimits}).
 *
 * @param events the events, in the order they are sent
 */
public record Events(List<MeterEvent> events) implements Message {

    public Events {
        events = List.copyOf(events);
    }

    @Override
    public MessageType type() {
        return MessageType.EVENTS;
    }
}
