package org.openami.sim.pi4j;

import com.pi4j.io.spi.SpiBase;
import com.pi4j.io.spi.SpiConfig;
import com.pi4j.io.spi.SpiProvider;
import java.util.Arrays;

/** An open SPI handle onto one simulated device. */
final class SimSpi extends SpiBase {

    private final SpiDevice device;

    SimSpi(SpiProvider provider, SpiConfig config, SpiDevice device) {
        super(provider, config);
        this.device = device;
        this.isOpen = true;
    }

    @Override
    public int transfer(byte[] write, int writeOffset, byte[] read, int readOffset, int length) {
        if (!isOpen) {
            throw new com.pi4j.io.exception.IOException("SPI handle " + id() + " is closed");
        }
        byte[] tx = Arrays.copyOfRange(write, writeOffset, writeOffset + length);
        byte[] rx = new byte[length];
        try {
            device.transfer(tx, rx);
        } catch (java.io.IOException e) {
            throw new com.pi4j.io.exception.IOException("SPI transfer failed: " + e.getMessage());
        }
        if (read != null) {
            System.arraycopy(rx, 0, read, readOffset, length);
        }
        return length;
    }

    @Override
    public int write(byte b) {
        return transfer(new byte[] {b}, 0, null, 0, 1);
    }

    @Override
    public int write(byte[] data, int offset, int length) {
        return transfer(data, offset, null, 0, length);
    }

    @Override
    public int read() {
        byte[] rx = new byte[1];
        transfer(new byte[1], 0, rx, 0, 1);
        return rx[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        return transfer(new byte[length], 0, buffer, offset, length);
    }
}
