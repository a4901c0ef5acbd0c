package org.openami.concentrator.model;

import java.util.Objects;

/**
 * One value read from one meter. Identity (for idempotent storing and de-duplication in the
 * cloud) is {@link #key()}: the same meter, kind, quantity and data time is the same reading,
 * however often it is read or sent.
 *
 * @param point    measurement point number in the concentrator's archive, 1..2040
 * @param meter    the meter's address as the archive has it (12 BCD digits for DL/T 645,
 *                 the unit id for Modbus)
 * @param kind     why it was read; fixes the meaning of {@code dataTime}
 * @param quantity what was measured; fixes the unit of {@code value}
 * @param dataTime epoch milliseconds the value belongs to (see {@link ReadingKind})
 * @param value    the value in {@link Quantity#unit()}
 * @param readAt   epoch milliseconds the concentrator received it
 */
public record Reading(int point, String meter, ReadingKind kind, Quantity quantity,
                      long dataTime, long value, long readAt) {

    public Reading {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(quantity, "quantity");
        if (point < 0) {
            throw new IllegalArgumentException("point " + point + " is negative");
        }
    }

    /** The identity of this reading: point, kind, quantity and data time. */
    public Key key() {
        return new Key(point, kind, quantity, dataTime);
    }

    /** See {@link Reading#key()}. */
    public record Key(int point, ReadingKind kind, Quantity quantity, long dataTime) {
        public Key {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(quantity, "quantity");
        }
    }
}
