package org.openami.concentrator.bench.heap;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.openami.concentrator.collector.CollectionSink;
import org.openami.concentrator.model.MeterEvent;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.store.ForwardStore;
import org.openami.concentrator.store.PutOutcome;
import org.openami.concentrator.store.StoreException;

/**
 * The collector's sink on the real {@link ForwardStore}, as in the gateway, counting what it
 * stored. Called from the scheduler's tick thread; the counters are thread-safe.
 */
final class StoreSink implements CollectionSink {

    private final ForwardStore store;
    private final LongAdder added = new LongAdder();
    private final LongAdder events = new LongAdder();

    StoreSink(ForwardStore store) {
        this.store = store;
    }

    /** Readings that were new to the store. */
    long added() {
        return added.sum();
    }

    /** Events stored (meters not collected in a window). */
    long events() {
        return events.sum();
    }

    @Override
    public void accept(List<Reading> readings) {
        try {
            PutOutcome o = store.putReadings(readings);
            added.add(o.added());
        } catch (StoreException e) {
            throw new IllegalStateException("store refused " + readings.size() + " readings: " + e.getMessage(), e);
        }
    }

    @Override
    public void event(MeterEvent event) {
        try {
            store.putEvent(event);
            events.increment();
        } catch (StoreException e) {
            throw new IllegalStateException("store refused an event: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean has(Reading.Key key) {
        try {
            return store.hasReading(key);
        } catch (StoreException e) {
            throw new IllegalStateException("store lookup failed: " + e.getMessage(), e);
        }
    }
}
