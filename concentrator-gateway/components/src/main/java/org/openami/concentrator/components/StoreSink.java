package org.openami.concentrator.components;

import java.util.List;
import org.openami.concentrator.collector.CollectionSink;
import org.openami.concentrator.model.MeterEvent;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.store.ForwardStore;
import org.openami.concentrator.store.StoreException;

/** The collector's sink on the store: every accepted reading is on disk when accept returns. */
final class StoreSink implements CollectionSink {

    private final ForwardStore store;

    StoreSink(ForwardStore store) {
        this.store = store;
    }

    @Override
    public void accept(List<Reading> readings) {
        try {
            store.putReadings(readings);
        } catch (StoreException e) {
            throw new IllegalStateException("store refused " + readings.size() + " readings: " + e.getMessage(), e);
        }
    }

    @Override
    public void event(MeterEvent event) {
        try {
            store.putEvent(event);
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
