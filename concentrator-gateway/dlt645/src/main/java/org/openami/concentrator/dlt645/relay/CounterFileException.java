package org.openami.concentrator.dlt645.relay;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The control counter file cannot be used: unreadable, malformed (the message names the line
 * and what is wrong), too large, held by another process, or a meter's counters are used up.
 * Nothing is guessed in its place: a counter made up after a lost file could repeat one a
 * meter has already accepted.
 */
public final class CounterFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public CounterFileException(Path file, String reason) {
        super("control counter file " + file + ": " + reason);
        this.file = file;
    }

    public CounterFileException(Path file, String reason, Throwable cause) {
        super("control counter file " + file + ": " + reason, cause);
        this.file = file;
    }

    /** The file concerned. */
    public Path file() {
        return file;
    }
}
