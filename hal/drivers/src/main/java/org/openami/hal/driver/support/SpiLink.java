package org.openami.hal.driver.support;

import com.pi4j.io.spi.Spi;
import org.openami.hal.BusException;

/**
 * One SPI chip select through Pi4J, with Pi4J's unchecked exceptions turned into
 * {@link BusException}s that name the device. Blocks for the transfer; not thread-safe
 * (a driver owns its link).
 */
public final class SpiLink implements AutoCloseable {

    private final Spi spi;
    private final String device;

    public SpiLink(Spi spi, String device) {
        this.spi = spi;
        this.device = device;
    }

    public String device() {
        return device;
    }

    /** Full-duplex transfer of {@code tx.length} bytes; returns what came back. */
    public byte[] transfer(byte[] tx) throws BusException {
        byte[] rx = new byte[tx.length];
        try {
            int n = spi.transfer(tx, rx, tx.length);
            if (n < 0 || n != tx.length) {
                throw new BusException(device, "short SPI transfer: " + n + " of " + tx.length + " bytes");
            }
        } catch (RuntimeException e) {
            throw new BusException(device, "SPI transfer failed: " + e.getMessage(), e);
        }
        return rx;
    }

    @Override
    public void close() {
        try {
            spi.close();
        } catch (RuntimeException ignored) {
            // closing a broken handle must not hide the error that led here
        }
    }
}
