package org.openami.concentrator.collector;

import java.util.List;
import org.openami.concentrator.model.MeterEvent;
import org.openami.concentrator.model.Reading;

/**
 * Where collected data goes: the concentrator's store-and-forward store. Owned by the
 * scheduler, implemented at the edge (the embedded database).
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>All three methods are called only from the thread that calls
 *       {@link CollectionScheduler#tick()}, never while the scheduler holds its lock, so an
 *       implementation may take its time (a database transaction) without stalling channel
 *       threads. They should still return within a second or so: the next tick waits.</li>
 *   <li>{@link #accept} stores readings idempotently by {@link Reading#key()}: the same key
 *       again (a re-read after a restart or a clock step) replaces or is ignored, never
 *       doubles.</li>
 *   <li>A method that throws is logged and counted; the scheduler goes on. If {@link #accept}
 *       throws, the reads it was given count as failed and are read again in a later round.
 *       If {@link #has} throws, the scheduler assumes the data is missing.</li>
 * </ul>
 */
public interface CollectionSink {

    /** Stores readings collected in one tick (possibly from many meters). */
    void accept(List<Reading> readings);

    /** Records an event for operators (a meter not collected in its window, a failed back-fill). */
    void event(MeterEvent event);

    /**
     * Whether a reading with this key is stored. The scheduler asks it for the
     * {@link ReadTask#KEY_QUANTITY} key of each task before reading, to find missing daily
     * freezes for back-fill and to skip what is already collected (after a restart or when the
     * clock steps back).
     */
    boolean has(Reading.Key key);
}
