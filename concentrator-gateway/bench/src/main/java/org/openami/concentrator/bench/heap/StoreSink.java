package org.openami.concentrator.bench.heap;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import org.openami.concentrator.collector.CollectionSink;
import org.openami.concentrator.model.MeterEvent;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;
import org.openami.concentrator.store.ForwardStore;
import org.openami.concentrator.store.PutOutcome;
import org.openami.concentrator.store.StoreException;

/**
 * The collector's sink on the real {@link ForwardStore}, as in the gateway, counting what it
 * stored (and how many meters' curve points arrived per quarter hour, to show which quarters
 * fell short). Called from the scheduler's tick thread; the counters are thread-safe.
 */
final class StoreSink implements CollectionSink {

    private final ForwardStore store;
    private final LongAdder added = new LongAdder();
    private final LongAdder events = new LongAdder();
    /** Curve points stored per quarter (epoch ms), the last {@value #QUARTERS_KEPT} quarters. */
    private final ConcurrentSkipListMap<Long, LongAdder> curvePoints = new ConcurrentSkipListMap<>();
    private static final int QUARTERS_KEPT = 4 * 96;

    StoreSink(ForwardStore store) {
        this.store = store;
    }

    /** Readings that were new to the store. */
    long added() {
        return added.sum();
    }

    /**
     * Curve points stored (new or again) per quarter hour in {@code [from, to)}, by quarter start;
     * quarters of the last four days only.
     */
    Map<Long, Long> curvePoints(long from, long to) {
        Map<Long, Long> out = new TreeMap<>();
        curvePoints.subMap(from, to).forEach((q, n) -> out.put(q, n.sum()));
        return out;
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
            for (Reading r : readings) {
                if (r.kind() == ReadingKind.CURVE && r.quantity() == Quantity.ENERGY_FORWARD_ACTIVE_TOTAL) {
                    curvePoints.computeIfAbsent(r.dataTime(), t -> new LongAdder()).increment();
                }
            }
            while (curvePoints.size() > QUARTERS_KEPT) {
                curvePoints.pollFirstEntry();
            }
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
