package org.openami.concentrator.components.read;

import java.util.List;
import org.openami.concentrator.archive.MeterRecord;
import org.openami.concentrator.model.Reading;

/**
 * Told about every successful read as soon as it completes (before the collector's next tick
 * stores it): local prepayment uses it to act on a balance within milliseconds of the poll that
 * exhausted it. Register an implementation as an OSGi service; the collector calls every one.
 * Called on the bus's completion thread: return quickly and never throw.
 */
public interface ReadingObserver {

    /** {@code readings} were just read from {@code meter}. */
    void readingsTaken(MeterRecord meter, List<Reading> readings);
}
