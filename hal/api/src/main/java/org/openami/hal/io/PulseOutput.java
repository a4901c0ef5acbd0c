package org.openami.hal.io;

import org.openami.hal.HalException;

/**
 * The energy pulse LED (and optional open-collector pulse output) used to test a meter
 * against a reference meter on the bench. Not thread-safe; {@link #pulse()} blocks for the
 * pulse width (typically 80 ms at most).
 */
public interface PulseOutput extends AutoCloseable {

    void pulse() throws HalException, InterruptedException;

    @Override
    void close();
}
