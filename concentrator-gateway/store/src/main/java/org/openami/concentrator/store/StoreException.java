package org.openami.concentrator.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The store file cannot be used: it is corrupt, truncated, foreign, locked, written by a newer
 * version, or an I/O operation on it failed. Carries the file and a {@link Reason}. After a
 * failure with reason {@link Reason#IO} or {@link Reason#CORRUPT} during operation the store is
 * closed and must be opened again.
 */
public final class StoreException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the store cannot be used. */
    public enum Reason {
        /** The file is not a readable MVStore file, or a stored structure cannot be read. */
        CORRUPT,
        /** The file was closed cleanly at a later version than can be read from it now: it was cut. */
        TRUNCATED,
        /** A valid MVStore file that belongs to something else; it was not modified. */
        FOREIGN,
        /** Another process (or another open store in this JVM) holds the file. */
        LOCKED,
        /** Written by a newer version of this store with an incompatible layout. */
        UNSUPPORTED_VERSION,
        /** Reading or writing the file failed (disk full, device error, permissions). */
        IO,
        /** The store was closed. */
        CLOSED
    }

    private final transient Path path;
    private final Reason reason;

    public StoreException(Path path, Reason reason, String detail, Throwable cause) {
        super("store " + path + ": " + reason + ": " + detail, cause);
        this.path = Objects.requireNonNull(path, "path");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public StoreException(Path path, Reason reason, String detail) {
        this(path, reason, detail, null);
    }

    /** The store file concerned. */
    public Path path() {
        return path;
    }

    /** Why the store cannot be used. */
    public Reason reason() {
        return reason;
    }
}
