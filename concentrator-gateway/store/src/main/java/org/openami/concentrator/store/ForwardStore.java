package org.openami.concentrator.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.openami.concentrator.model.CommandResult;
import org.openami.concentrator.model.MeterEvent;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;
import org.openami.concentrator.store.StoreException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The concentrator's store-and-forward: readings, events and command results wait in one
 * ordered outbox in an embedded H2 MVStore file until the uplink confirms them.
 *
 * <h2>Outbox</h2>
 * Every stored entry gets a sequence number that increases over the life of the file and is
 * never reused. {@link #nextBatch} hands out the oldest undelivered entries in that order;
 * {@link #markDelivered} moves them to the delivered side (idempotent, unknown numbers ignored).
 *
 * <h2>Readings are idempotent by {@link Reading#key()}</h2>
 * Storing a key again with the same meter and value writes nothing. A different value (or meter)
 * for a key that is <em>not yet delivered</em> replaces the stored one: the old entry leaves the
 * outbox and the new one is appended with a new sequence number, so a batch already handed out
 * cannot mark the new value delivered. A different value for a key that was <em>already
 * delivered</em> is dropped and counted ({@link StoreStatistics#correctionsIgnored()}): the cloud
 * has the first value and the store does not send corrections. Events and command results have
 * no identity and are appended every time.
 *
 * <h2>Durability</h2>
 * When a put, {@link #markDelivered} or {@link #housekeeping} returns, its changes are committed:
 * written to the file through the operating system, which survives the process being killed
 * ({@code kill -9}). With {@link StoreSettings#syncOnCommit()} every commit is also forced to the
 * device, which survives a power loss. A list given to {@link #putReadings} is committed in slices
 * of {@value #SLICE}; if the process dies during a call, a prefix of the list may be stored, and
 * storing the list again is harmless.
 *
 * <h2>Retention and size</h2>
 * {@link #housekeeping()} (the component calls it periodically) removes delivered entries whose
 * <em>insertion time</em> (the store's clock when it accepted them) is older than
 * {@link StoreSettings#retention()}, oldest first, and compacts the file when it is sparse.
 * Insertion time is used because it is known for all three kinds of entry and follows sequence
 * order; a reading back-filled today for a day long past stays for the full retention after it
 * arrived, so {@link #hasReading} keeps answering true during the collector's back-fill window
 * as long as that window is shorter than the retention. Undelivered entries are never removed
 * by retention. When a commit leaves the file larger than 92 % of {@link StoreSettings#maxBytes()},
 * the same call compacts the file and, if needed, evicts entries (delivered first, then
 * undelivered, oldest first) down to about 80 % of the limit; see {@link SpaceKeeper}. That call
 * can take seconds (tens of seconds for a file of hundreds of MiB on slow flash).
 *
 * <h2>Threads</h2>
 * Thread-safe. Writers (puts, {@link #markDelivered}, {@link #housekeeping}, {@link #close}) are
 * serialised by one lock and block while another writer runs. Readers ({@link #nextBatch},
 * {@link #hasReading}, {@link #readings}, the counts, {@link #statistics}) do not take the lock
 * and may see a writer's changes shortly before they are committed.
 *
 * <h2>Failures</h2>
 * Every method that touches the file throws {@link StoreException}. A write that fails leaves
 * nothing half-done in memory (it is rolled back); if the MVStore itself fails (I/O error,
 * corrupt page) the store is closed and later calls fail with {@link Reason#CLOSED}: open it
 * again. An entry that cannot be decoded is skipped and counted, never fatal.
 */
public final class ForwardStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ForwardStore.class);

    /** Readings committed together at most; also the retention removal slice. */
    static final int SLICE = 4096;

    private final Path path;
    private final StoreSettings settings;
    private final Clock clock;
    private final MVStore mvStore;
    private final Outbox outbox;
    private final Compactor compactor;
    private final SpaceKeeper spaceKeeper;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean closed;
    private volatile String failure;

    private ForwardStore(Path path, StoreSettings settings, Clock clock, MVStore mvStore) {
        this.path = path;
        this.settings = settings;
        this.clock = clock;
        this.mvStore = mvStore;
        this.outbox = new Outbox(mvStore, settings.syncOnCommit());
        this.compactor = new Compactor(mvStore, path, settings.syncOnCommit());
        this.spaceKeeper = new SpaceKeeper(outbox, compactor, settings, clock);
    }

    /**
     * Opens (or creates) the store file.
     *
     * @throws StoreException with {@link Reason#CORRUPT}, {@link Reason#TRUNCATED},
     *                        {@link Reason#FOREIGN}, {@link Reason#LOCKED},
     *                        {@link Reason#UNSUPPORTED_VERSION} or {@link Reason#IO}; nothing is
     *                        left open
     */
    public static ForwardStore open(Path file, StoreSettings settings, Clock clock) throws StoreException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Path abs = file.toAbsolutePath();
        MVStore mv = StoreOpener.open(abs, settings, clock.millis());
        ForwardStore store;
        try {
            store = new ForwardStore(abs, settings, clock, mv);
        } catch (MVStoreException e) {
            mv.closeImmediately();
            throw StoreOpener.translate(abs, e);
        } catch (RuntimeException e) {
            mv.closeImmediately();
            throw new StoreException(abs, Reason.CORRUPT, "cannot read the store maps: " + e, e);
        }
        try {
            // the limit may have been lowered since the file was last used
            store.write(() -> null);
        } catch (StoreException | RuntimeException | Error e) {
            store.close();
            throw e;
        }
        LOG.info("store {} open: {} undelivered, {} delivered, {} bytes", abs,
                store.undeliveredCount(), store.deliveredCount(), store.compactor.diskBytes());
        return store;
    }

    /**
     * Moves a store file that cannot be opened out of the way, to
     * {@code <name>.unusable-<epochMillis>} next to it, so a new store can be created in its
     * place while the old file stays available for inspection. Returns the new path.
     */
    public static Path moveAside(Path file, Clock clock) throws IOException {
        Path target = file.resolveSibling(file.getFileName() + ".unusable-" + clock.millis());
        return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The store file. */
    public Path path() {
        return path;
    }

    /** The settings the store was opened with. */
    public StoreSettings settings() {
        return settings;
    }

    /**
     * Stores readings, idempotently by key (see the class comment). Validates the whole list
     * first: a null element or a meter address longer than 64 characters rejects the call with
     * an {@link IllegalArgumentException} or {@link NullPointerException} and stores nothing.
     */
    public PutOutcome putReadings(List<Reading> readings) throws StoreException {
        Objects.requireNonNull(readings, "readings");
        for (Reading r : readings) {
            Objects.requireNonNull(r, "a reading in the list is null");
            EntryCodec.validate(r);
        }
        PutOutcome total = PutOutcome.NONE;
        for (int from = 0; from < readings.size(); from += SLICE) {
            List<Reading> slice = readings.subList(from, Math.min(readings.size(), from + SLICE));
            total = total.plus(write(() -> {
                long now = clock.millis();
                PutOutcome outcome = PutOutcome.NONE;
                for (Reading r : slice) {
                    outcome = outcome.plus(outbox.putReading(r, now));
                }
                return outcome;
            }));
        }
        return total;
    }

    /** Appends an event to the outbox; returns its sequence number. The detail is cut to 1024 characters. */
    public long putEvent(MeterEvent event) throws StoreException {
        Objects.requireNonNull(event, "event");
        EntryCodec.validate(event);
        return write(() -> outbox.append(outbox.codec().encode(event, false), clock.millis()));
    }

    /** Appends a command result to the outbox; returns its sequence number. The reason is cut to 1024 characters. */
    public long putCommandResult(CommandResult result) throws StoreException {
        Objects.requireNonNull(result, "result");
        EntryCodec.validate(result);
        return write(() -> outbox.append(outbox.codec().encode(result), clock.millis()));
    }

    /**
     * The oldest undelivered entries, at most {@code max}, in sequence order. Entries that
     * cannot be decoded are skipped (and counted), so the list can be shorter than {@code max}
     * while more remain. Does not change anything: the same entries come again until marked.
     */
    public List<StoredEntry> nextBatch(int max) throws StoreException {
        if (max < 0) {
            throw new IllegalArgumentException("max " + max + " is negative");
        }
        return read(() -> outbox.nextBatch(max));
    }

    /**
     * Like {@link #nextBatch} but only entries with a sequence number above {@code afterSeq}:
     * an uplink with several batches in flight asks for the entries after the last one it sent.
     */
    public List<StoredEntry> nextBatchAfter(long afterSeq, int max) throws StoreException {
        if (max < 0) {
            throw new IllegalArgumentException("max " + max + " is negative");
        }
        return read(() -> outbox.nextBatchAfter(afterSeq, max));
    }

    /**
     * Marks entries delivered. Idempotent: numbers already delivered, removed or never issued
     * are ignored. Returns how many entries moved from undelivered to delivered.
     */
    public int markDelivered(Collection<Long> seqs) throws StoreException {
        Objects.requireNonNull(seqs, "seqs");
        List<Long> all = new ArrayList<>(seqs);
        int marked = 0;
        for (int from = 0; from < all.size(); from += SLICE) {
            List<Long> slice = all.subList(from, Math.min(all.size(), from + SLICE));
            marked += write(() -> {
                int n = 0;
                for (Long seq : slice) {
                    if (seq != null && outbox.markDelivered(seq)) {
                        n++;
                    }
                }
                return n;
            });
        }
        return marked;
    }

    /** Entries waiting for the uplink. */
    public long undeliveredCount() {
        return outbox.pendingCount();
    }

    /** Delivered entries still kept. */
    public long deliveredCount() {
        return outbox.deliveredCount();
    }

    /** Whether a reading with this key is stored (delivered or not). A map lookup, no decoding. */
    public boolean hasReading(Reading.Key key) throws StoreException {
        Objects.requireNonNull(key, "key");
        return read(() -> outbox.hasReading(key));
    }

    /**
     * The stored readings (delivered or not) of one point and kind with
     * {@code fromMillis <= dataTime < toMillis}, ordered by data time, then quantity. The list is
     * built in memory: keep the range to what the caller needs, or use the overload with a limit.
     */
    public List<Reading> readings(int point, ReadingKind kind, long fromMillis, long toMillis) throws StoreException {
        return readings(point, kind, fromMillis, toMillis, Integer.MAX_VALUE);
    }

    /** As {@link #readings(int, ReadingKind, long, long)}, the first {@code limit} by data time. */
    public List<Reading> readings(int point, ReadingKind kind, long fromMillis, long toMillis, int limit)
            throws StoreException {
        Objects.requireNonNull(kind, "kind");
        if (limit < 0) {
            throw new IllegalArgumentException("limit " + limit + " is negative");
        }
        return read(() -> outbox.readings(point, kind, fromMillis, toMillis, limit));
    }

    /**
     * Removes delivered entries older than the retention (by insertion time), compacts the file
     * when its chunks are less than {@link StoreSettings#compactFillPercent()} full and the dead
     * space is at least 256 KiB and 5 % of the limit, enforces the
     * size limit and updates the near-full state. Blocks other writers while it runs.
     */
    public HousekeepingReport housekeeping() throws StoreException {
        return write(() -> {
            long now = clock.millis();
            long before = compactor.diskBytes();
            long retentionMillis = settings.retention().toMillis();
            long cutoff = now - retentionMillis;
            if (now < 0 && cutoff > now) {
                cutoff = Long.MIN_VALUE;
            }
            long removed = 0;
            int n;
            do {
                n = outbox.removeDeliveredBefore(cutoff, SLICE);
                removed += n;
                outbox.add(Outbox.REMOVED_BY_RETENTION, n);
                outbox.commit();
            } while (n == SLICE);
            SpaceKeeper.Eviction eviction = SpaceKeeper.Eviction.NONE;
            boolean compacted = false;
            if (spaceKeeper.overLimit()) {
                eviction = spaceKeeper.enforce();
                compacted = true;
            } else if (spaceKeeper.worthCompacting()) {
                spaceKeeper.compact();
                compacted = true;
            }
            outbox.setCounter(Outbox.LAST_HOUSEKEEPING, now);
            if (removed > 0 || eviction.delivered() + eviction.undelivered() > 0) {
                LOG.info("store housekeeping: {} removed by retention, {}/{} delivered/undelivered evicted, {} -> {} bytes",
                        removed, eviction.delivered(), eviction.undelivered(), before, compactor.fileBytes());
            }
            return new HousekeepingReport(removed, eviction.delivered(), eviction.undelivered(), compacted,
                    before, -1);
        }).withSizeAfter(compactor.diskBytes());
    }

    /** A snapshot of counts, sizes and counters. Does not block. */
    public StoreStatistics statistics() {
        return new StoreStatistics(outbox.pendingCount(), outbox.deliveredCount(), outbox.oldestPendingStoredAt(),
                compactor.diskBytes(), compactor.peakBytes(), settings.maxBytes(), compactor.chunkFillPercent(),
                outbox.counter(Outbox.EVICTED_DELIVERED), outbox.counter(Outbox.EVICTED_UNDELIVERED),
                outbox.counter(Outbox.REMOVED_BY_RETENTION), outbox.counter(Outbox.CORRECTIONS_IGNORED),
                outbox.undecodableCount(), compactor.runs(), outbox.counter(Outbox.NEAR_FULL) != 0,
                outbox.counter(Outbox.LAST_HOUSEKEEPING) == 0 ? -1 : outbox.counter(Outbox.LAST_HOUSEKEEPING));
    }

    /** Commits and closes the file (marking it cleanly closed). Idempotent; never throws. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                mvStore.close();
            } catch (RuntimeException e) {
                LOG.warn("closing store {} failed: {}", path, e.toString());
                mvStore.closeImmediately();
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- plumbing ----

    @FunctionalInterface
    private interface Op<T> {
        T run();
    }

    private <T> T write(Op<T> op) throws StoreException {
        lock.lock();
        try {
            ensureOpen();
            T result;
            try {
                result = op.run();
                outbox.commit();
                spaceKeeper.afterCommit();
            } catch (MVStoreException e) {
                throw fail(e);
            } catch (RuntimeException | Error e) {
                rollbackQuietly();
                throw e;
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    private <T> T read(Op<T> op) throws StoreException {
        ensureOpen();
        try {
            return op.run();
        } catch (MVStoreException e) {
            if (closed) {
                throw new StoreException(path, Reason.CLOSED, "the store was closed");
            }
            throw StoreOpener.translate(path, e);
        }
    }

    private void ensureOpen() throws StoreException {
        if (failure != null) {
            throw new StoreException(path, Reason.CLOSED, "closed after a failure: " + failure);
        }
        if (closed) {
            throw new StoreException(path, Reason.CLOSED, "the store was closed");
        }
    }

    /** The MVStore failed underneath: close it and report. Caller holds the lock. */
    private StoreException fail(MVStoreException e) {
        StoreException se = StoreOpener.translate(path, e);
        failure = se.getMessage();
        LOG.error("store {} failed and is closed: {}", path, e.toString());
        closed = true;
        try {
            mvStore.closeImmediately();
        } catch (RuntimeException ignored) {
            // already broken
        }
        return se;
    }

    private void rollbackQuietly() {
        try {
            outbox.rollback();
        } catch (RuntimeException e) {
            LOG.warn("rollback of store {} failed: {}", path, e.toString());
        }
    }
}
