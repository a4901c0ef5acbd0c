package org.openami.hal.io;

import java.util.function.Consumer;
import org.openami.hal.HalException;

/**
 * A terminal-cover or case-open switch.
 *
 * <p>{@link #isOpen()} blocks for one GPIO read. Listeners are called on the GPIO driver's
 * event thread, once per debounced change, with {@code true} when the cover opened; they
 * must return quickly and must not throw. Thread-safe.
 */
public interface TamperSwitch extends AutoCloseable {

    boolean isOpen() throws HalException;

    void addListener(Consumer<Boolean> onChange);

    @Override
    void close();
}
