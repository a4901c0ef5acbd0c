package org.openami.concentrator.prepay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;
import org.openami.concentrator.prepay.PrepayException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's H2 MVStore file: accounts (id to JSON), the ledger (sequence number to JSON),
 * stored results of exactly-once operations (id to JSON) and a meta map with this file's
 * marker, layout version and the last sequence number. {@link #commit} writes one call's changes
 * as one MVStore commit: after a crash the file holds all of them or none. Opening checks that
 * an existing file is readable and ours before anything is written to it. Not thread-safe: the
 * engine serialises calls.
 */
final class LedgerFile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerFile.class);

    static final String META = "prepay.meta";
    static final String ACCOUNTS = "prepay.accounts";
    static final String LEDGER = "prepay.ledger";
    static final String RESULTS = "prepay.results";

    static final String KEY_MAGIC = "magic";
    static final String KEY_LAYOUT = "layout";
    static final String KEY_CREATED = "createdAt";
    static final String KEY_LAST_SEQ = "lastSeq";
    /** "OpenAMIp" */
    static final long MAGIC = 0x4F70656E414D4970L;
    static final long LAYOUT_VERSION = 1;

    /** Commits between compaction checks. */
    static final int COMPACT_EVERY = 64;
    /** Chunks less live than this are rewritten. */
    static final int TARGET_FILL_PERCENT = 60;
    /** Most page bytes one compaction run rewrites. */
    static final int COMPACT_BYTES = 256 << 10;

    private final Path path;
    private final MVStore store;
    private int commitsSinceCompaction;
    private final boolean sync;
    private final MVMap<String, Long> meta;
    private final MVMap<String, String> accounts;
    private final MVMap<Long, String> ledger;
    private final MVMap<String, String> results;

    private LedgerFile(Path path, MVStore store, boolean sync) {
        this.path = path;
        this.store = store;
        this.sync = sync;
        if (sync) {
            // every commit is on the device: no older version is ever needed, freed space is reusable at once
            store.setRetentionTime(0);
        }
        this.meta = metaMap(store);
        this.accounts = store.openMap(ACCOUNTS, new MVMap.Builder<String, String>()
                .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
        this.ledger = store.openMap(LEDGER, new MVMap.Builder<Long, String>()
                .keyType(LongDataType.INSTANCE).valueType(StringDataType.INSTANCE));
        this.results = store.openMap(RESULTS, new MVMap.Builder<String, String>()
                .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
    }

    private static MVMap<String, Long> metaMap(MVStore store) {
        return store.openMap(META, new MVMap.Builder<String, Long>()
                .keyType(StringDataType.INSTANCE).valueType(LongDataType.INSTANCE));
    }

    /**
     * Opens (or creates) the file. An existing file is first opened read-only and checked: an
     * MVStore file of something else is {@link Reason#FOREIGN} and left untouched.
     */
    static LedgerFile open(Path file, boolean sync, long now) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new PrepayException(Reason.IO, file + ": cannot create the directory: " + e, e);
        }
        if (Files.isDirectory(file)) {
            throw new PrepayException(Reason.IO, file + " is a directory");
        }
        boolean existing = size(file) > 0;
        boolean fresh = !existing || probe(file);
        MVStore store = writable(file);
        try {
            if (fresh) {
                MVMap<String, Long> meta = metaMap(store);
                if (!meta.containsKey(KEY_MAGIC)) {
                    meta.put(KEY_MAGIC, MAGIC);
                    meta.put(KEY_LAYOUT, LAYOUT_VERSION);
                    meta.put(KEY_CREATED, now);
                    meta.put(KEY_LAST_SEQ, 0L);
                    store.commit();
                    if (sync) {
                        store.sync();
                    }
                }
            } else {
                checkOurs(file, store); // another process may have replaced the file since the probe
            }
            return new LedgerFile(file, store, sync);
        } catch (PrepayException e) {
            store.closeImmediately();
            throw e;
        } catch (MVStoreException e) {
            store.closeImmediately();
            throw translate(file, e);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw new PrepayException(Reason.CORRUPT, file + ": cannot read the file: " + e, e);
        }
    }

    private static MVStore writable(Path file) {
        try {
            return new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().compress().cacheSize(4).open();
        } catch (MVStoreException e) {
            throw translate(file, e);
        } catch (RuntimeException e) {
            throw new PrepayException(Reason.CORRUPT, file + ": cannot open: " + e, e);
        }
    }

    /** Read-only check of an existing file; true if it holds no maps yet (created, never committed). */
    private static boolean probe(Path file) {
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(file.toString()).readOnly().cacheSize(1).open();
        } catch (MVStoreException e) {
            throw translate(file, e);
        } catch (RuntimeException e) {
            throw new PrepayException(Reason.CORRUPT, file + ": cannot open: " + e, e);
        }
        try {
            long recorded = headerVersion(store.getStoreHeader());
            long current = store.getCurrentVersion();
            if (recorded > current) {
                throw new PrepayException(Reason.CORRUPT, file + ": the header records version " + recorded
                        + " but the newest complete version in the file is " + current + " (the file was cut or overwritten)");
            }
            if (store.getMapNames().isEmpty()) {
                return true;
            }
            checkOurs(file, store);
            return false;
        } catch (MVStoreException e) {
            throw translate(file, e);
        } catch (PrepayException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PrepayException(Reason.CORRUPT, file + ": cannot read the file: " + e, e);
        } finally {
            store.closeImmediately();
        }
    }

    private static void checkOurs(Path file, MVStore store) {
        if (!store.hasMap(META)) {
            throw new PrepayException(Reason.FOREIGN, file + ": an MVStore file of something else (maps "
                    + store.getMapNames() + "); left untouched");
        }
        MVMap<String, Long> meta = metaMap(store);
        Long magic = meta.get(KEY_MAGIC);
        if (magic == null || magic != MAGIC) {
            throw new PrepayException(Reason.FOREIGN, file + ": map " + META + " without the prepayment ledger's marker; left untouched");
        }
        Long layout = meta.get(KEY_LAYOUT);
        if (layout == null || layout > LAYOUT_VERSION) {
            throw new PrepayException(Reason.UNSUPPORTED_VERSION, file + ": layout version " + layout
                    + "; this version reads up to " + LAYOUT_VERSION);
        }
    }

    private static long headerVersion(Map<String, Object> header) {
        Object v = header.get("version");
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String str) {
            try {
                return Long.parseLong(str, 16);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    static PrepayException translate(Path file, MVStoreException e) {
        return switch (e.getErrorCode()) {
            case DataUtils.ERROR_FILE_LOCKED -> new PrepayException(Reason.LOCKED,
                    file + ": locked by another process or another open engine", e);
            case DataUtils.ERROR_UNSUPPORTED_FORMAT -> new PrepayException(Reason.UNSUPPORTED_VERSION,
                    file + ": MVStore format not supported: " + e.getMessage(), e);
            case DataUtils.ERROR_WRITING_FAILED -> new PrepayException(Reason.IO, file + ": writing failed: " + e.getMessage(), e);
            case DataUtils.ERROR_CLOSED -> new PrepayException(Reason.CLOSED, file + ": closed: " + e.getMessage(), e);
            default -> new PrepayException(Reason.CORRUPT, file + " (" + size(file) + " bytes): not a readable MVStore file: "
                    + e.getMessage(), e);
        };
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    Path path() {
        return path;
    }

    /** Every stored account, decoded; a record that cannot be read makes the file {@link Reason#CORRUPT}. */
    Map<String, AccountState> loadAccounts() {
        Map<String, AccountState> out = new LinkedHashMap<>();
        try {
            for (Iterator<String> it = accounts.keyIterator(null); it.hasNext(); ) {
                String k = it.next();
                AccountState s = Codec.decode(accounts.get(k), AccountState.class, path + ": account " + k);
                if (!s.account().equals(k)) {
                    throw new PrepayException(Reason.CORRUPT, path + ": account record under key " + k + " names " + s.account());
                }
                out.put(k, s);
            }
        } catch (MVStoreException e) {
            throw translate(path, e);
        }
        return out;
    }

    long lastSeq() {
        Long v = meta.get(KEY_LAST_SEQ);
        return v == null ? 0 : v;
    }

    /** The stored result under {@code key}, or {@code null}. */
    String result(String key) {
        try {
            return results.get(key);
        } catch (MVStoreException e) {
            throw translate(path, e);
        }
    }

    /** Up to {@code max} entries with sequence number above {@code seq}, in order. */
    List<LedgerEntry> entriesAfter(long seq, int max) {
        List<LedgerEntry> out = new ArrayList<>(Math.min(max, 256));
        try {
            Long k = ledger.higherKey(seq);
            while (k != null && out.size() < max) {
                out.add(Codec.decode(ledger.get(k), LedgerEntry.class, path + ": ledger entry " + k));
                k = ledger.higherKey(k);
            }
        } catch (MVStoreException e) {
            throw translate(path, e);
        }
        return out;
    }

    long entryCount() {
        return ledger.sizeAsLong();
    }

    long firstSeq() {
        Long k = ledger.firstKey();
        return k == null ? 0 : k;
    }

    /**
     * Writes accounts, entries (already numbered) and results and commits them as one version
     * (forced to the device when opened with sync). If writing into the maps fails nothing is
     * kept; if the commit itself fails the file may or may not hold the version, so the store is
     * closed and must be opened again (which reads what the file holds).
     */
    void commit(Collection<AccountState> changed, List<LedgerEntry> entries, Map<String, String> newResults, long lastSeq) {
        try {
            for (AccountState s : changed) {
                accounts.put(s.account(), Codec.encode(s));
            }
            for (LedgerEntry e : entries) {
                ledger.put(e.seq(), Codec.encode(e));
            }
            results.putAll(newResults);
            if (lastSeq != lastSeq()) {
                meta.put(KEY_LAST_SEQ, lastSeq);
            }
        } catch (MVStoreException e) {
            rollbackQuietly();
            throw translate(path, e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw new PrepayException(Reason.IO, path + ": cannot write: " + e, e);
        }
        try {
            store.commit();
            if (sync) {
                store.sync();
            }
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw new PrepayException(Reason.IO, path + ": commit failed, the file was closed (open it again): " + e, e);
        }
        if (++commitsSinceCompaction >= COMPACT_EVERY) {
            try {
                compact();
            } catch (RuntimeException e) {
                // the data is committed; a failed compaction only leaves the file larger
                LOG.warn("prepayment ledger {}: compaction failed: {}", path, e.toString());
            }
        }
    }

    /**
     * Keeps the file from growing without bound. MVStore writes every commit as a new chunk and
     * reuses a chunk's space only once nothing in it is live; pages that stay live (a full
     * ledger page, an account that rarely changes) pin otherwise dead chunks. This rewrites the
     * live pages of chunks less than {@value #TARGET_FILL_PERCENT} % live, at most
     * {@value #COMPACT_BYTES} bytes a run, so those chunks become free for new commits. The
     * rewrite is an ordinary commit (atomic like any other); the file is not shrunk.
     */
    void compact() {
        commitsSinceCompaction = 0;
        try {
            if (store.getFileStore().getChunksFillRate() < TARGET_FILL_PERCENT
                    && store.compact(TARGET_FILL_PERCENT, COMPACT_BYTES)) {
                store.commit();
                if (sync) {
                    store.sync();
                }
            }
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
    }

    /**
     * Removes entries with sequence number at most {@code seq}, committing every 4,096; returns
     * how many. A failure closes the store (entries removed by earlier slices stay removed).
     */
    long pruneThrough(long seq) {
        long removed = 0;
        try {
            while (true) {
                int n = 0;
                Long k = ledger.firstKey();
                while (k != null && k <= seq && n < 4096) {
                    ledger.remove(k);
                    n++;
                    k = ledger.higherKey(k);
                }
                if (n == 0) {
                    return removed;
                }
                store.commit();
                if (sync) {
                    store.sync();
                }
                removed += n;
            }
        } catch (MVStoreException e) {
            store.closeImmediately();
            throw translate(path, e);
        }
    }

    private void rollbackQuietly() {
        try {
            if (!store.isClosed()) {
                store.rollback();
            }
        } catch (RuntimeException e) {
            store.closeImmediately();
        }
    }

    boolean isClosed() {
        return store.isClosed();
    }

    /** Bytes of the file as MVStore tracks it. */
    long fileBytes() {
        return store.getFileStore() == null ? 0 : store.getFileStore().size();
    }

    @Override
    public void close() {
        try {
            if (!store.isClosed()) {
                store.commit();
                store.close();
            }
        } catch (MVStoreException e) {
            store.closeImmediately();
            throw translate(path, e);
        }
    }
}
