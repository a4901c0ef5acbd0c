package org.openami.concentrator.collector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openami.concentrator.model.EventType;
import org.openami.concentrator.model.MeterEvent;
import org.openami.concentrator.model.Reading;

/**
 * An in-memory {@link CollectionSink}: readings by key (idempotent, like the store), events in
 * order. Stands in for the embedded H2 store, which has its own tests; can be told to throw.
 */
final class MemorySink implements CollectionSink {

    final Map<Reading.Key, Reading> readings = new ConcurrentHashMap<>();
    final List<MeterEvent> events = new CopyOnWriteArrayList<>();
    volatile boolean failAccept;
    volatile boolean failHas;
    volatile boolean failEvent;
    volatile int acceptCalls;

    @Override
    public void accept(List<Reading> batch) {
        acceptCalls++;
        if (failAccept) {
            throw new IllegalStateException("disk full");
        }
        for (Reading r : batch) {
            readings.put(r.key(), r);
        }
    }

    @Override
    public void event(MeterEvent event) {
        if (failEvent) {
            throw new IllegalStateException("event table locked");
        }
        events.add(event);
    }

    @Override
    public boolean has(Reading.Key key) {
        if (failHas) {
            throw new IllegalStateException("query timed out");
        }
        return readings.containsKey(key);
    }

    /** Stores a reading as if collected earlier (before a restart). */
    void put(Reading r) {
        readings.put(r.key(), r);
    }

    List<MeterEvent> events(EventType type) {
        List<MeterEvent> out = new ArrayList<>();
        for (MeterEvent e : events) {
            if (e.type() == type) {
                out.add(e);
            }
        }
        return out;
    }
}
