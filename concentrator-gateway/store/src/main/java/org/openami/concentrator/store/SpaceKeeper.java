package org.openami.concentrator.store;

import java.time.Clock;
import java.util.List;
import org.openami.concentrator.model.EventType;
import org.openami.concentrator.model.MeterEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the file under {@link StoreSettings#maxBytes()} and raises
 * {@link EventType#STORE_NEAR_FULL}. When the file is over the limit it is first compacted;
 * if it is still over {@link #EVICT_TO_PERCENT} % of the limit, entries are evicted (delivered
 * first, then undelivered, oldest first, never the store's own protected events) and the file is
 * compacted again, until it is under that mark. The per-entry size used to decide how many to
 * evict is the whole file divided by the number of entries, dead space included. Evicting
 * undelivered data records one protected {@link EventType#UNDELIVERED_DATA_EVICTED} event per
 * enforcement run. Writer thread only.
 */
final class SpaceKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(SpaceKeeper.class);

    /** After an enforcement run the file is at most this share of the limit (when it can be). */
    static final int EVICT_TO_PERCENT = 80;
    /** The near-full flag clears when undelivered data falls this many points below the threshold. */
    static final int NEAR_FULL_HYSTERESIS_PERCENT = 10;
    /** Entries removed between two commits, to bound the memory of unsaved pages. */
    static final int SLICE = 4096;
    private static final int MAX_EVICTION_ROUNDS = 16;
    /** Housekeeping does not compact for less dead space than this (or 5 % of the limit). */
    static final long MIN_DEAD_BYTES = 256 << 10;
    /** Chunks less full than this are rewritten when the file is at the limit. */
    static final int PACK_FILL_PERCENT = 90;

    /** What one enforcement run removed. */
    record Eviction(long delivered, long undelivered, boolean compacted) {
        static final Eviction NONE = new Eviction(0, 0, false);
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

    /** Checks the limit and the near-full mark after a commit. */
    Eviction afterCommit() {
        Eviction e = compactor.sample() > settings.maxBytes() ? enforce() : Eviction.NONE;
        checkNearFull();
        return e;
    }

    /** Brings the file under the limit; see the class comment. */
    Eviction enforce() {
        long max = settings.maxBytes();
        long target = max / 100 * EVICT_TO_PERCENT;
        long size = pack();
        long delivered = 0;
        long undelivered = 0;
        long firstSeq = Long.MAX_VALUE;
        long lastSeq = Long.MIN_VALUE;
        for (int round = 0; round < MAX_EVICTION_ROUNDS && size > target; round++) {
            long total = outbox.pendingCount() + outbox.deliveredCount();
            if (total == 0) {
                break;
            }
            long perEntry = Math.max(1, size / total);
            long wanted = Math.min(total, Math.max(1, (size - target + perEntry - 1) / perEntry));
            long removed = 0;
            while (removed < wanted) {
                int n = outbox.evictDelivered((int) Math.min(SLICE, wanted - removed));
                delivered += n;
                removed += n;
                if (n == 0) {
                    List<Long> seqs = outbox.evictUndelivered((int) Math.min(SLICE, wanted - removed));
                    if (seqs.isEmpty()) {
                        break;
                    }
                    undelivered += seqs.size();
                    removed += seqs.size();
                    firstSeq = Math.min(firstSeq, seqs.get(0));
                    lastSeq = Math.max(lastSeq, seqs.get(seqs.size() - 1));
                }
                outbox.commit();
            }
            if (removed == 0) {
                LOG.warn("store {} bytes is over its limit of {} but nothing more can be evicted", size, max);
                break;
            }
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
        return new Eviction(delivered, undelivered, true);
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

    /** Raises STORE_NEAR_FULL once when undelivered data crosses the threshold; re-arms below it. */
    void checkNearFull() {
        long pending = outbox.pendingCount();
        long total = pending + outbox.deliveredCount();
        long size = compactor.fileBytes();
        long undeliveredBytes = total == 0 ? 0 : (long) ((double) size * pending / total);
        long raiseAt = settings.maxBytes() / 100 * settings.nearFullPercent();
        long clearAt = settings.maxBytes() / 100 * (settings.nearFullPercent() - NEAR_FULL_HYSTERESIS_PERCENT);
        boolean raised = outbox.counter(Outbox.NEAR_FULL) != 0;
        if (!raised && undeliveredBytes >= raiseAt) {
            String detail = "undelivered data takes about " + undeliveredBytes + " of " + settings.maxBytes()
                    + " bytes (" + pending + " entries); older undelivered data will be evicted at the limit";
            LOG.warn(detail);
            outbox.setCounter(Outbox.NEAR_FULL, 1);
            record(EventType.STORE_NEAR_FULL, detail);
            outbox.commit();
        } else if (raised && undeliveredBytes < clearAt) {
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
