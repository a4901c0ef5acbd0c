package org.openami.concentrator.model;

import java.util.Objects;

/**
 * Something an operator should know about: a failed collection, a failed back-fill, data
 * lost to the disk limit... Concentrator-wide events have point 0 and an empty meter.
 *
 * @param point  measurement point, or 0 when the event is not about one meter
 * @param meter  the meter's address, or "" when the event is not about one meter
 * @param type   what happened
 * @param time   epoch milliseconds it happened
 * @param detail a human-readable reason (never a secret)
 */
public record MeterEvent(int point, String meter, EventType type, long time, String detail) {

    public MeterEvent {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detail, "detail");
    }

    /** An event about the concentrator itself. */
    public static MeterEvent concentrator(EventType type, long time, String detail) {
        return new MeterEvent(0, "", type, time, detail);
    }
}
