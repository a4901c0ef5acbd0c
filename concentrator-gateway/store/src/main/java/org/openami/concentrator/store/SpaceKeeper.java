package org.openami.concentrator.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.openami.concentrator.model.EventType;
import org.openami.concentrator.model.MeterEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the file under {@link StoreSettings#maxBytes()} and raises
 * {@link EventType#STORE_NEAR_FULL}. When the file passes {@value #ENFORCE_AT_PERCENT} % of the
 * limit it is compacted (chunks below {@link StoreSettings#compactFillPercent()}); while it is still over
 * {@value #EVICT_TO_PERCENT} % of the limit, delivered entries are evicted, oldest first, and the
 * file compacted again. Only when no delivered entry is left is the file packed hard (chunks
 * below {@value #PACK_FILL_PERCENT} % rewritten, which rewrites most of the file) and then, if it
 * is still over {@value #EVICT_TO_PERCENT} %, the oldest undelivered entries are evicted down to
 * {@value #UNDELIVERED_EVICT_TO_PERCENT} % (never the store's own protected events). How many to
 * evict is estimated from the file size per entry, which errs on evicting too few; the file is
 * compacted and the estimate repeated. Evicting undelivered data records one protected
 * {@link EventType#UNDELIVERED_DATA_EVICTED} event per enforcement run. Writer thread only.
 */
final class SpaceKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(SpaceKeeper.class);

    /**
     * Enforcement starts when the file passes this share of the limit, leaving room for the
     * growth while compaction runs (rewritten pages are written before old chunks are freed).
     */
    static final int ENFORCE_AT_PERCENT = 92;
    /** Delivered entries are evicted until the file is at most this share of the limit. */
    static final int EVICT_TO_PERCENT = 80;
    /**
     * Undelivered entries are evicted until the file is at most this share of the limit: lower
     * than for delivered ones, because every run packs the whole file, so runs should be rare.
     */
    static final int UNDELIVERED_EVICT_TO_PERCENT = 70;
    /** Entries removed between two commits, to bound the memory of unsaved pages. */
    static final int SLICE = 4096;
    private static final int MAX_EVICTION_ROUNDS = 32;
    /** Housekeeping does not compact for less dead space than this (or 5 % of the limit). */
    static final long MIN_DEAD_BYTES = 256 << 10;
    /** Chunks less full than this are rewritten when the file is at the limit. */
    static final int PACK_FILL_PERCENT = 90;

    /** What one enforcement run removed. */
    record Eviction(long delivered, long undelivered) {
        static final Eviction NONE = new Eviction(0, 0);
    }

    private final Outbox outbox;
    private final Compactor compactor;
    private final StoreSettings settings;
    private final Clock clock;

    SpaceKeeper(Outbox outbox, Compactor compactor, StoreSettings settings, Clock clock) {
        this.outbox = outbox;
        this.compactor = compactor;
        this.settings = settings;
        this.clock = clock;
    }

    /** Whether the file has reached the point where {@link #enforce()} must run. */
    boolean overLimit() {
        return compactor.sample() > settings.maxBytes() / 100 * ENFORCE_AT_PERCENT;
    }

    /** Checks the limit and the near-full mark after a commit. */
    Eviction afterCommit() {
        Eviction e = overLimit() ? enforce() : Eviction.NONE;
        checkNearFull();
        return e;
    }

    /** Brings the file under the limit; see the class comment. */
    Eviction enforce() {
        long max = settings.maxBytes();
        boolean packed = outbox.deliveredCount() == 0;
        // with delivered entries to give up, a light compaction first; otherwise straight to packing
        long size = packed ? pack() : compact();
        long delivered = 0;
        long undelivered = 0;
        long firstSeq = Long.MAX_VALUE;
        long lastSeq = Long.MIN_VALUE;
        for (int round = 0; round < MAX_EVICTION_ROUNDS && size > max / 100 * EVICT_TO_PERCENT; round++) {
            long total = outbox.pendingCount() + outbox.deliveredCount();
            if (total == 0) {
                break;
            }
            if (outbox.deliveredCount() > 0) {
                delivered += evictDelivered(toEvict(size, max / 100 * EVICT_TO_PERCENT, total));
                size = compact();
                continue;
            }
            if (!packed) {
                // before undelivered data goes, get back every byte compaction can
                packed = true;
                size = pack();
                continue;
            }
            List<Long> seqs = evictUndelivered(toEvict(size, max / 100 * UNDELIVERED_EVICT_TO_PERCENT, total));
            if (seqs.isEmpty()) {
                LOG.warn("store {} bytes is over its limit of {} but nothing more can be evicted", size, max);
                break;
            }
            undelivered += seqs.size();
            firstSeq = Math.min(firstSeq, seqs.get(0));
            lastSeq = Math.max(lastSeq, seqs.get(seqs.size() - 1));
            size = pack();
        }
        outbox.add(Outbox.EVICTED_DELIVERED, delivered);
        outbox.add(Outbox.EVICTED_UNDELIVERED, undelivered);
        if (undelivered > 0) {
            String detail = "evicted " + undelivered + " undelivered entries (seq " + firstSeq + ".." + lastSeq
                    + ") and " + delivered + " delivered entries to keep the store under " + max + " bytes";
            LOG.warn(detail);
            record(EventType.UNDELIVERED_DATA_EVICTED, detail);
        }
        outbox.commit();
        compactor.sample();
        return new Eviction(delivered, undelivered);
    }

    /**
     * How many entries to evict to bring {@code size} to {@code target}, counting each entry as
     * the file size divided by the entries. That overstates an entry's share (the file also holds
     * dead space and the index), so the estimate errs on evicting too few, never too many; the
     * caller compacts and repeats.
     */
    private long toEvict(long size, long target, long total) {
        long perEntry = Math.max(1, size / total);
        return Math.min(total, Math.max(1, (size - target) / perEntry + 1));
    }

    private long evictDelivered(long wanted) {
        long removed = 0;
        while (removed < wanted) {
            int n = outbox.evictDelivered((int) Math.min(SLICE, wanted - removed));
            if (n == 0) {
                break;
            }
            removed += n;
            outbox.commit();
        }
        return removed;
    }

    private List<Long> evictUndelivered(long wanted) {
        List<Long> all = new ArrayList<>();
        while (all.size() < wanted) {
            List<Long> seqs = outbox.evictUndelivered((int) Math.min(SLICE, wanted - all.size()));
            if (seqs.isEmpty()) {
                break;
            }
            all.addAll(seqs);
            outbox.commit();
        }
        return all;
    }

    /** Housekeeping compaction: rewrites chunks below {@link StoreSettings#compactFillPercent()}. */
    long compact() {
        return compactor.compact(settings.compactFillPercent(), roundBytes());
    }

    /** Compaction at the limit: packs harder (chunks below {@value #PACK_FILL_PERCENT} %), to evict less. */
    private long pack() {
        return compactor.compact(Math.max(PACK_FILL_PERCENT, settings.compactFillPercent()), roundBytes());
    }

    /** Rounds of 1/16 of the limit (64 KiB..2 MiB), so compacting adds little to the file. */
    private int roundBytes() {
        return (int) Math.max(Compactor.MIN_ROUND_BYTES, Math.min(Compactor.MAX_ROUND_BYTES, settings.maxBytes() / 16));
    }

    /** Whether housekeeping should compact: the chunks are sparse and the dead space is worth it. */
    boolean worthCompacting() {
        long size = compactor.fileBytes();
        int fill = compactor.chunkFillPercent();
        long dead = size / 100 * (100 - fill);
        return fill < settings.compactFillPercent() && dead >= Math.max(MIN_DEAD_BYTES, settings.maxBytes() / 20);
    }

    /**
     * Raises STORE_NEAR_FULL once when undelivered data crosses the threshold, measured as the
     * file size times the undelivered share of the entries. Re-arms when the number of
     * undelivered entries has fallen to half of what it was when the event was raised: counted
     * in entries, because compaction and eviction change the file size without the uplink
     * catching up.
     */
    void checkNearFull() {
        long pending = outbox.pendingCount();
        long total = pending + outbox.deliveredCount();
        long size = compactor.fileBytes();
        long undeliveredBytes = total == 0 ? 0 : (long) ((double) size * pending / total);
        long raiseAt = settings.maxBytes() / 100 * settings.nearFullPercent();
        long pendingAtRaise = outbox.counter(Outbox.NEAR_FULL);
        if (pendingAtRaise == 0 && undeliveredBytes >= raiseAt) {
            String detail = "undelivered data takes about " + undeliveredBytes + " of " + settings.maxBytes()
                    + " bytes (" + pending + " entries); older undelivered data will be evicted at the limit";
            LOG.warn(detail);
            outbox.setCounter(Outbox.NEAR_FULL, Math.max(1, pending));
            record(EventType.STORE_NEAR_FULL, detail);
            outbox.commit();
        } else if (pendingAtRaise != 0 && pending <= pendingAtRaise / 2) {
            outbox.setCounter(Outbox.NEAR_FULL, 0);
            outbox.commit();
        }
    }

    private void record(EventType type, String detail) {
        long now = clock.millis();
        MeterEvent event = MeterEvent.concentrator(type, now, detail);
        outbox.append(outbox.codec().encode(event, true), now);
    }
}
