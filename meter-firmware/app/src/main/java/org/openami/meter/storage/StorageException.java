package org.openami.meter.storage;

import java.io.IOException;
import java.util.Objects;

/** A storage failure with a machine-readable {@link Reason}. The message names the file involved. */
public final class StorageException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Why an operation failed. */
    public enum Reason {
        /** The operating system reported an I/O error (including an interrupt that closed the channel). */
        IO,
        /** The file header is damaged while slots still hold valid data, so the file is not recreated. */
        CORRUPT_HEADER,
        /** A payload is longer than the {@code maxPayload} the file was opened with. */
        TOO_LARGE,
        /** The file is not of this kind, has another format version, or was made with other parameters. */
        WRONG_FORMAT,
        /** Another open instance (in this or another process) holds the file's lock. */
        LOCKED,
        /** The object was closed. */
        CLOSED
    }

    private final Reason reason;

    public StorageException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public StorageException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return why the operation failed, never null */
    public Reason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return getClass().getName() + "[" + reason + "]: " + getMessage();
    }
}
