package org.openami.concentrator.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;
import org.openami.concentrator.store.StoreException.Reason;

/**
 * Opens the MVStore file of a {@link ForwardStore}, or explains with a {@link StoreException}
 * why it cannot: an existing file is first opened read-only to check that it is readable, that
 * it is not shorter than its own header says (a cleanly closed or space-reusing store records
 * its last version in the header; a file that opens at an older version was cut), that it is
 * one of ours (a foreign MVStore file is never written to) and that its layout version is known.
 * Only then is it opened for writing. Stateless.
 */
final class StoreOpener {

    static final String META = "openami.meta";
    static final String ENTRIES = "openami.entries";
    static final String PENDING = "openami.pending";
    static final String DELIVERED = "openami.delivered";
    static final String INDEX = "openami.readingIndex";
    static final String DICTIONARY = "openami.dictionary";

    static final String KEY_MAGIC = "magic";
    static final String KEY_LAYOUT = "layout";
    static final String KEY_CREATED = "createdAt";
    /** "OpenAMIf" */
    static final long MAGIC = 0x4F70656E414D4966L;
    static final long LAYOUT_VERSION = 1;

    private StoreOpener() {
    }

    static MVMap<String, Long> metaMap(MVStore store) {
        return store.openMap(META, new MVMap.Builder<String, Long>()
                .keyType(StringDataType.INSTANCE).valueType(LongDataType.INSTANCE));
    }

    /** The open, checked, writable store; a new file is created and initialised. */
    static MVStore open(Path file, StoreSettings settings, long now) throws StoreException {
        try {
            Path parent = file.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (Files.isDirectory(file)) {
                throw new StoreException(file, Reason.IO, "is a directory");
            }
            if (Files.exists(file) && !(Files.isReadable(file) && Files.isWritable(file))) {
                throw new StoreException(file, Reason.IO, "the file is not readable and writable by this process");
            }
            if (!Files.exists(file) && parent != null && !Files.isWritable(parent)) {
                throw new StoreException(file, Reason.IO, "cannot create the file: " + parent + " is not writable");
            }
        } catch (IOException e) {
            throw new StoreException(file, Reason.IO, "cannot create the directory: " + e, e);
        }
        boolean existing = sizeOf(file) > 0;
        boolean fresh = !existing || probe(file);
        MVStore store = openWritable(file, settings);
        try {
            if (fresh) {
                MVMap<String, Long> meta = metaMap(store);
                if (!meta.containsKey(KEY_MAGIC)) {
                    meta.put(KEY_MAGIC, MAGIC);
                    meta.put(KEY_LAYOUT, LAYOUT_VERSION);
                    meta.put(KEY_CREATED, now);
                    store.commit();
                    if (settings.syncOnCommit()) {
                        store.sync();
                    }
                }
            } else {
                // the probe checked it, but another process may have replaced the file in between
                checkOurs(file, store);
            }
            return store;
        } catch (StoreException e) {
            store.closeImmediately();
            throw e;
        } catch (MVStoreException e) {
            store.closeImmediately();
            throw translate(file, e);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw new StoreException(file, Reason.CORRUPT, "cannot read the store: " + e, e);
        }
    }

    private static MVStore openWritable(Path file, StoreSettings settings) throws StoreException {
        try {
            MVStore store = new MVStore.Builder()
                    .fileName(file.toString())
                    .autoCommitDisabled()
                    .cacheSize(settings.cacheMegabytes())
                    .open();
            // with an fsync per commit there is no window in which freed space must be kept;
            // without it, keep MVStore's default so a power loss finds the previous chunks intact
            if (settings.syncOnCommit()) {
                store.setRetentionTime(0);
            }
            return store;
        } catch (MVStoreException e) {
            throw translate(file, e);
        } catch (RuntimeException e) {
            throw new StoreException(file, Reason.CORRUPT, "cannot open: " + e, e);
        }
    }

    /**
     * Opens an existing file read-only and checks it. Returns true if it holds no data yet (an
     * MVStore with no maps and no recorded version, e.g. a crash right after creation).
     */
    private static boolean probe(Path file) throws StoreException {
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(file.toString()).readOnly().cacheSize(1).open();
        } catch (MVStoreException e) {
            throw translate(file, e);
        } catch (RuntimeException e) {
            throw new StoreException(file, Reason.CORRUPT, "cannot open: " + e, e);
        }
        try {
            long recorded = headerVersion(store.getStoreHeader());
            long current = store.getCurrentVersion();
            if (recorded > current) {
                throw new StoreException(file, Reason.TRUNCATED, "the header records version " + recorded
                        + " but the newest complete version in the file is " + current
                        + " (the file was cut or overwritten)");
            }
            Set<String> maps = store.getMapNames();
            if (maps.isEmpty()) {
                return true;
            }
            checkOurs(file, store);
            return false;
        } catch (MVStoreException e) {
            throw translate(file, e);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreException(file, Reason.CORRUPT, "cannot read the store: " + e, e);
        } finally {
            store.closeImmediately();
        }
    }

    private static void checkOurs(Path file, MVStore store) throws StoreException {
        if (!store.hasMap(META)) {
            throw new StoreException(file, Reason.FOREIGN, "an MVStore file of something else (maps "
                    + store.getMapNames() + "); left untouched");
        }
        MVMap<String, Long> meta = metaMap(store);
        Long magic = meta.get(KEY_MAGIC);
        if (magic == null || magic != MAGIC) {
            throw new StoreException(file, Reason.FOREIGN, "map " + META + " without this store's marker; left untouched");
        }
        Long layout = meta.get(KEY_LAYOUT);
        if (layout == null || layout > LAYOUT_VERSION) {
            throw new StoreException(file, Reason.UNSUPPORTED_VERSION, "layout version " + layout
                    + "; this store reads up to " + LAYOUT_VERSION);
        }
    }

    private static long headerVersion(Map<String, Object> header) {
        Object v = header.get("version");
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s, 16);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    /** A typed exception for an MVStore failure on {@code file}. */
    static StoreException translate(Path file, MVStoreException e) {
        int code = e.getErrorCode();
        return switch (code) {
            case DataUtils.ERROR_FILE_LOCKED -> new StoreException(file, Reason.LOCKED,
                    "the file is locked by another process or another open store", e);
            case DataUtils.ERROR_UNSUPPORTED_FORMAT -> new StoreException(file, Reason.UNSUPPORTED_VERSION,
                    "MVStore format not supported: " + e.getMessage(), e);
            case DataUtils.ERROR_WRITING_FAILED -> new StoreException(file, Reason.IO, "writing failed: " + e.getMessage(), e);
            case DataUtils.ERROR_CLOSED -> new StoreException(file, Reason.CLOSED, "the store is closed: " + e.getMessage(), e);
            case DataUtils.ERROR_READING_FAILED -> new StoreException(file, Reason.CORRUPT,
                    "reading failed, the file is not an MVStore file or is cut (" + describe(file) + "): " + e.getMessage(), e);
            default -> new StoreException(file, Reason.CORRUPT, describe(file) + ": " + e.getMessage(), e);
        };
    }

    private static String describe(Path file) {
        long size = sizeOf(file);
        byte[] head = new byte[4];
        int n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return size + " bytes, unreadable";
        }
        String start = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        return size + " bytes, " + (start.startsWith("H:2") ? "MVStore header present" : "no MVStore header");
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
