package org.openami.hal.driver.support;

import com.pi4j.context.Context;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiConfig;
import org.openami.hal.BusException;

/**
 * One SPI chip select through Pi4J, with Pi4J's unchecked exceptions turned into
 * {@link BusException}s that name the device. Blocks for the transfer; not thread-safe
 * (a driver owns its link).
 */
public final class SpiLink implements AutoCloseable {

    private final Spi spi;
    private final String device;
    private final Runnable release;

    /** Wraps a handle the caller created and will release itself. */
    public SpiLink(Spi spi, String device) {
        this(spi, device, spi::close);
    }

    private SpiLink(Spi spi, String device, Runnable release) {
        this.spi = spi;
        this.device = device;
        this.release = release;
    }

    /**
     * Creates the Pi4J handle for {@code config} and owns it: {@link #close()} shuts it down
     * in the context, so a restarted driver can open the same chip select again.
     */
    public static SpiLink open(Context pi4j, SpiConfig config, String device) throws BusException {
        try {
            Spi spi = pi4j.create(config);
            return new SpiLink(spi, device, () -> pi4j.shutdown(spi.id()));
        } catch (RuntimeException e) {
            throw new BusException(device, "cannot open SPI: " + e.getMessage(), e);
        }
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
            release.run();
        } catch (RuntimeException ignored) {
            // closing a broken handle must not hide the error that led here
        }
    }
}
