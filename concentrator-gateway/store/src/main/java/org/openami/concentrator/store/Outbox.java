package org.openami.concentrator.store;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maps of the store file and the operations on them, without commits or policy:
 * <ul>
 *   <li>{@code entries}: seq &rarr; encoded entry ({@link EntryCodec});</li>
 *   <li>{@code pending}: seq &rarr; stored-at time, the undelivered entries in outbox order;</li>
 *   <li>{@code delivered}: seq &rarr; stored-at time, delivered entries kept for retention;</li>
 *   <li>{@code readingIndex}: {@link IndexKey} &rarr; seq, one per reading key;</li>
 *   <li>{@code dictionary}: see {@link Dictionary};</li>
 *   <li>{@code meta}: marker, layout version, next sequence number and persistent counters.</li>
 * </ul>
 * Every entry is in exactly one of {@code pending} and {@code delivered}.
 *
 * <p>Threads: methods documented "writer" must be called by one thread at a time (the
 * {@link ForwardStore} lock); the others read MVMap snapshots and may run on any thread.
 */
final class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    static final String NEXT_SEQ = "nextSeq";
    static final String EVICTED_DELIVERED = "evictedDelivered";
    static final String EVICTED_UNDELIVERED = "evictedUndelivered";
    static final String REMOVED_BY_RETENTION = "removedByRetention";
    static final String CORRECTIONS_IGNORED = "correctionsIgnored";
    static final String NEAR_FULL = "nearFull";
    static final String LAST_HOUSEKEEPING = "lastHousekeeping";

    /** At most this many undecodable seqs are remembered (to count each once). */
    private static final int MAX_REMEMBERED_UNDECODABLE = 10_000;

    private final MVStore store;
    private final boolean syncOnCommit;
    private final MVMap<Long, byte[]> entries;
    private final MVMap<Long, Long> pending;
    private final MVMap<Long, Long> delivered;
    private final MVMap<IndexKey, Long> index;
    private final MVMap<String, Long> meta;
    private final Dictionary dictionary;
    private final EntryCodec codec;
    private final Map<Long, Boolean> undecodable = new ConcurrentHashMap<>();
    private final AtomicLong undecodableCount = new AtomicLong();
    private long nextSeq;

    Outbox(MVStore store, boolean syncOnCommit) {
        this.store = store;
        this.syncOnCommit = syncOnCommit;
        MVMap.Builder<Long, Long> longs = new MVMap.Builder<Long, Long>()
                .keyType(LongDataType.INSTANCE).valueType(LongDataType.INSTANCE);
        this.entries = store.openMap(StoreOpener.ENTRIES, new MVMap.Builder<Long, byte[]>()
                .keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        this.pending = store.openMap(StoreOpener.PENDING, longs);
        this.delivered = store.openMap(StoreOpener.DELIVERED, longs);
        this.index = store.openMap(StoreOpener.INDEX, new MVMap.Builder<IndexKey, Long>()
                .keyType(IndexKeyType.INSTANCE).valueType(LongDataType.INSTANCE));
        this.meta = StoreOpener.metaMap(store);
        this.dictionary = new Dictionary(store.openMap(StoreOpener.DICTIONARY, new MVMap.Builder<String, Long>()
                .keyType(StringDataType.INSTANCE).valueType(LongDataType.INSTANCE)));
        this.codec = new EntryCodec(dictionary);
        this.nextSeq = loadNextSeq();
    }

    private long loadNextSeq() {
        long fromMeta = counter(NEXT_SEQ);
        Long last = entries.isEmpty() ? null : entries.lastKey();
        return Math.max(Math.max(fromMeta, 1), last == null ? 1 : last + 1);
    }

    EntryCodec codec() {
        return codec;
    }

    // ---- commit / rollback (writer) ----

    /** Makes every change so far durable: written to the file, and forced to the device if configured. */
    void commit() {
        store.commit();
        if (syncOnCommit) {
            store.sync();
        }
        dictionary.committed();
    }

    /** Forgets every change since the last commit, in the file maps and in memory. */
    void rollback() {
        store.rollback();
        dictionary.rolledBack();
        nextSeq = loadNextSeq();
    }

    // ---- writes (writer) ----

    /** Appends an encoded entry to the outbox; returns its sequence number. */
    long append(byte[] value, long now) {
        long seq = nextSeq++;
        entries.put(seq, value);
        pending.put(seq, now);
        meta.put(NEXT_SEQ, nextSeq);
        return seq;
    }

    /** Stores one reading idempotently by key; see {@link PutOutcome} for the four outcomes. */
    PutOutcome putReading(Reading r, long now) {
        IndexKey key = codec.indexKeyAssigning(r.key());
        Long existing = index.get(key);
        if (existing != null) {
            byte[] old = entries.get(existing);
            boolean isPending = pending.containsKey(existing);
            if (old != null) {
                Reading stored = null;
                try {
                    stored = codec.decode(existing, 0, old).reading();
                } catch (MalformedEntryException | IllegalStateException e) {
                    noteUndecodable(existing, e.getMessage());
                }
                if (stored != null && stored.value() == r.value() && stored.meter().equals(r.meter())) {
                    return new PutOutcome(0, 0, 1, 0);
                }
                if (stored != null && !isPending) {
                    add(CORRECTIONS_IGNORED, 1);
                    return new PutOutcome(0, 0, 0, 1);
                }
                // a different value while undelivered, or an unreadable old entry: replace it
                removeEntry(existing);
                index.put(key, append(codec.encode(r), now));
                return new PutOutcome(0, 1, 0, 0);
            }
            // index pointed at an entry that is gone (evicted while undecodable): treat as new
        }
        index.put(key, append(codec.encode(r), now));
        return new PutOutcome(1, 0, 0, 0);
    }

    /** Moves {@code seq} from pending to delivered; false if it is not pending. */
    boolean markDelivered(long seq) {
        Long storedAt = pending.remove(seq);
        if (storedAt == null) {
            return false;
        }
        delivered.put(seq, storedAt);
        return true;
    }

    /** Removes an entry and its index entry, wherever it is. */
    void removeEntry(long seq) {
        byte[] v = entries.remove(seq);
        pending.remove(seq);
        delivered.remove(seq);
        undecodable.remove(seq);
        if (v == null) {
            return;
        }
        try {
            IndexKey key = EntryCodec.readingIndexKey(v);
            if (key != null) {
                index.remove(key, seq);
            }
        } catch (MalformedEntryException e) {
            // the index entry (if any) now points at nothing; lookups check the entry exists
            LOG.debug("removed undecodable entry {}: {}", seq, e.getMessage());
        }
    }

    /**
     * Removes up to {@code max} delivered entries stored before {@code cutoff}, oldest (lowest
     * seq) first; stops at the first younger one. Returns how many were removed.
     */
    int removeDeliveredBefore(long cutoff, int max) {
        List<Long> victims = new ArrayList<>();
        Cursor<Long, Long> c = delivered.cursor(null);
        while (victims.size() < max && c.hasNext()) {
            long seq = c.next();
            if (c.getValue() >= cutoff) {
                break;
            }
            victims.add(seq);
        }
        victims.forEach(this::removeEntry);
        return victims.size();
    }

    /** Removes up to {@code max} delivered entries, oldest first. */
    int evictDelivered(int max) {
        List<Long> victims = new ArrayList<>();
        Iterator<Long> it = delivered.keyIterator(null);
        while (victims.size() < max && it.hasNext()) {
            victims.add(it.next());
        }
        victims.forEach(this::removeEntry);
        return victims.size();
    }

    /** Removes up to {@code max} undelivered entries, oldest first, never protected ones. Returns the seqs removed. */
    List<Long> evictUndelivered(int max) {
        List<Long> victims = new ArrayList<>();
        Iterator<Long> it = pending.keyIterator(null);
        while (victims.size() < max && it.hasNext()) {
            long seq = it.next();
            if (!EntryCodec.isProtected(entries.get(seq))) {
                victims.add(seq);
            }
        }
        victims.forEach(this::removeEntry);
        return victims;
    }

    long counter(String key) {
        Long v = meta.get(key);
        return v == null ? 0 : v;
    }

    void setCounter(String key, long value) {
        meta.put(key, value);
    }

    void add(String key, long delta) {
        if (delta != 0) {
            meta.put(key, counter(key) + delta);
        }
    }

    // ---- reads (any thread) ----

    long pendingCount() {
        return pending.sizeAsLong();
    }

    long deliveredCount() {
        return delivered.sizeAsLong();
    }

    long oldestPendingStoredAt() {
        if (pending.isEmpty()) {
            return -1;
        }
        Long first = pending.firstKey();
        Long at = first == null ? null : pending.get(first);
        return at == null ? -1 : at;
    }

    long undecodableCount() {
        return undecodableCount.get();
    }

    /** The oldest {@code max} undelivered entries that decode, in seq order. */
    List<StoredEntry> nextBatch(int max) {
        return nextBatchAfter(-1, max);
    }

    List<StoredEntry> nextBatchAfter(long afterSeq, int max) {
        List<StoredEntry> batch = new ArrayList<>(Math.min(max, 1024));
        Cursor<Long, Long> c = pending.cursor(afterSeq < 0 ? null : afterSeq + 1);
        while (batch.size() < max && c.hasNext()) {
            long seq = c.next();
            long storedAt = c.getValue();
            byte[] v = entries.get(seq);
            if (v == null) {
                continue; // removed concurrently
            }
            try {
                batch.add(codec.decode(seq, storedAt, v));
            } catch (MalformedEntryException e) {
                noteUndecodable(seq, e.getMessage());
            }
        }
        return batch;
    }

    boolean hasReading(Reading.Key key) {
        IndexKey k = codec.indexKeyIfKnown(key);
        if (k == null) {
            return false;
        }
        Long seq = index.get(k);
        return seq != null && entries.containsKey(seq);
    }

    /** Readings of one point and kind with {@code from <= dataTime < to}, at most {@code limit}, by data time. */
    List<Reading> readings(int point, ReadingKind kind, long from, long to, int limit) {
        List<Reading> out = new ArrayList<>();
        int kindCode = codec.kindCodeIfKnown(kind);
        if (kindCode < 0 || from >= to) {
            return out;
        }
        IndexKey lo = new IndexKey(point, kindCode, from, Integer.MIN_VALUE);
        IndexKey hi = new IndexKey(point, kindCode, to - 1, Integer.MAX_VALUE);
        Cursor<IndexKey, Long> c = index.cursor(lo, hi, false);
        while (out.size() < limit && c.hasNext()) {
            IndexKey k = c.next();
            if (k.compareTo(hi) > 0) {
                break;
            }
            long seq = c.getValue();
            byte[] v = entries.get(seq);
            if (v == null) {
                continue;
            }
            try {
                out.add(codec.decode(seq, 0, v).reading());
            } catch (MalformedEntryException | IllegalStateException e) {
                noteUndecodable(seq, e.getMessage());
            }
        }
        out.sort((a, b) -> a.dataTime() != b.dataTime() ? Long.compare(a.dataTime(), b.dataTime())
                : Integer.compare(a.quantity().ordinal(), b.quantity().ordinal()));
        return out;
    }

    private void noteUndecodable(long seq, String reason) {
        if (undecodable.size() < MAX_REMEMBERED_UNDECODABLE) {
            if (undecodable.putIfAbsent(seq, Boolean.TRUE) == null) {
                undecodableCount.incrementAndGet();
                LOG.warn("store entry {} cannot be decoded and is skipped: {}", seq, reason);
            }
        } else if (!undecodable.containsKey(seq)) {
            undecodableCount.incrementAndGet();
        }
    }
}
