package org.openami.concentrator.collector;

import java.util.List;
import org.openami.concentrator.archive.MeterRecord;
import org.openami.concentrator.model.Reading;

/**
 * A completed read waiting for the tick thread. Exactly one of {@code readings} and
 * {@code failure} is non-null. {@code entry} is null for an on-demand read.
 */
record Outcome(InFlight entry, MeterRecord meter, ReadTask task, List<Reading> readings, Throwable failure,
               boolean stuck) {

    boolean succeeded() {
        return failure == null;
    }
}
