package org.openami.cloud.envelope;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A key file or key directory that cannot be read or written: missing, unreadable, not the
 * documented format, or inconsistent with its name. The message names the file and the problem;
 * it never contains key material.
 */
public final class KeyFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** A problem with {@code file}. */
    public KeyFileException(Path file, String problem) {
        super(Objects.requireNonNull(file, "file") + ": " + problem);
        this.file = file;
    }

    /** A problem with {@code file}, found by a lower layer. */
    public KeyFileException(Path file, String problem, Throwable cause) {
        super(Objects.requireNonNull(file, "file") + ": " + problem, cause);
        this.file = file;
    }

    /** The file (or directory) concerned. */
    public Path file() {
        return file;
    }
}
