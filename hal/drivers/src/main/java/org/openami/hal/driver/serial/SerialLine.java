package org.openami.hal.driver.serial;

import java.time.Duration;
import org.openami.hal.BusException;

/**
 * A UART line to one serial chip (or a bus of them).
 *
 * <p><b>Blocking:</b> {@link #write} returns when the bytes are handed to the OS;
 * {@link #read} blocks until {@code len} bytes arrived or the timeout passed, whichever is
 * first. <b>Threading:</b> not thread-safe; one driver owns a line. <b>Failures:</b>
 * {@link BusException} when the port is gone or the OS reports an error; a timeout is not
 * an error (the byte count says what arrived).
 */
public interface SerialLine extends AutoCloseable {

    String name();

    void write(byte[] data) throws BusException;

    /** @return the number of bytes read, {@code 0..len}; fewer than {@code len} means timeout */
    int read(byte[] buffer, int offset, int len, Duration timeout) throws BusException;

    /** Throws away whatever is waiting in the receive buffer (a late or stray reply). */
    void discardInput() throws BusException;

    /** Never throws; idempotent. */
    @Override
    void close();
}
