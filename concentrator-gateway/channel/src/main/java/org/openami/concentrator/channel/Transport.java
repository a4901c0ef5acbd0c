package org.openami.concentrator.channel;

import java.io.IOException;

/**
 * The edge of a byte-oriented medium: an RS-485 adapter, a test pseudo-terminal. A channel
 * owns its transport and calls it from one thread, so implementations need not be
 * thread-safe, except {@link #close()}, which may come from any thread and must unblock a
 * pending {@link #read}.
 */
public interface Transport extends AutoCloseable {

    /** Sets the line framing before the next write; a no-op when it is already set. */
    void configure(LineSettings line) throws IOException;

    /**
     * Hands a whole request to the medium. May return before the last bit is on the wire; the
     * channel adds the wire time itself.
     */
    void write(byte[] frame) throws IOException;

    /**
     * Reads what has arrived, waiting at most {@code timeoutNanos} for the first byte.
     *
     * @return bytes read into {@code buf} from 0 (at most {@code buf.length}), 0 on timeout
     * @throws IOException when the medium failed or was closed
     */
    int read(byte[] buf, long timeoutNanos) throws IOException;

    /** Drops whatever has arrived and not been read (a late reply, noise). */
    void discardInput() throws IOException;

    /** Where this transport goes, for logs and statistics: "/dev/ttyS1 (RS-485)". */
    String describe();

    /** Releases the medium; a blocked read ends with an {@link IOException}. Idempotent. */
    @Override
    void close();
}
