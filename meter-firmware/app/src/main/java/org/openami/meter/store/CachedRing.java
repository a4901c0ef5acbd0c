package org.openami.meter.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.openami.meter.storage.RecordRing;
import org.openami.meter.storage.StorageException;
import org.openami.meter.storage.StoredRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RecordRing} of typed records with its decoded contents kept in memory, so reads
 * from the protocol side do not scan the file. Records that no longer decode (written by a
 * newer format) are skipped and logged once. Thread-safe.
 */
final class CachedRing<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CachedRing.class);

    private final RecordRing ring;
    private final Function<byte[], T> decoder;
    private final Function<T, byte[]> encoder;
    private final List<T> oldestFirst = new ArrayList<>();
    private long firstSequence;

    CachedRing(RecordRing ring, Function<byte[], T> decoder, Function<T, byte[]> encoder) {
        this.ring = ring;
        this.decoder = decoder;
        this.encoder = encoder;
        List<StoredRecord> stored = ring.records();
        int undecodable = 0;
        for (StoredRecord r : stored) {
            try {
                oldestFirst.add(decoder.apply(r.payload()));
            } catch (RuntimeException e) {
                undecodable++;
            }
        }
        if (undecodable > 0 || ring.damagedSlotsAtOpen() > 0) {
            LOG.warn("{}: {} damaged slot(s), {} undecodable record(s) skipped", ring.file(), ring.damagedSlotsAtOpen(), undecodable);
        }
        this.firstSequence = ring.firstSequence();
    }

    synchronized void append(T record) throws StorageException {
        ring.append(encoder.apply(record));
        oldestFirst.add(record);
        if (oldestFirst.size() > ring.capacity()) {
            oldestFirst.remove(0);
        }
    }

    synchronized List<T> oldestFirst() {
        return List.copyOf(oldestFirst);
    }

    synchronized List<T> newestFirst() {
        List<T> l = new ArrayList<>(oldestFirst);
        Collections.reverse(l);
        return l;
    }

    /** Records ever appended since the ring was created or last cleared. */
    synchronized long count() {
        return ring.nextSequence() - firstSequence;
    }

    synchronized void clear() throws StorageException {
        ring.clear();
        oldestFirst.clear();
        firstSequence = ring.firstSequence();
    }

    @Override
    public void close() {
        ring.close();
    }
}
