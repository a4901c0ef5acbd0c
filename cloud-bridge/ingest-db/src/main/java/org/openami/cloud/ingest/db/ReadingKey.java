package org.openami.cloud.ingest.db;

import java.util.Objects;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

/**
 * The identity of a stored reading, the primary key of table {@code reading}: one value per
 * meter, quantity, kind and data time, whichever concentrator or measurement point sent it.
 *
 * @param meter    the meter's address
 * @param quantity what was measured
 * @param kind     why it was read
 * @param dataTime epoch milliseconds the value belongs to
 */
public record ReadingKey(String meter, Quantity quantity, ReadingKind kind, long dataTime) {

    public ReadingKey {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(kind, "kind");
    }

    /** The key a reading is stored under. */
    public static ReadingKey of(Reading reading) {
        return new ReadingKey(reading.meter(), reading.quantity(), reading.kind(), reading.dataTime());
    }
}
