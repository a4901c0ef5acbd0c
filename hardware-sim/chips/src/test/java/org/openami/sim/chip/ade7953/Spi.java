package org.openami.sim.chip.ade7953;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Builds ADE7953 SPI frames for model tests: header (address, command), then data MSB first. */
final class Spi {

    private Spi() {
    }

    static long read(Ade7953Model chip, int address) {
        int width = Ade7953Map.width(address);
        byte[] rx = transfer(chip, frame(address, 0x80, width, 0));
        long v = 0;
        for (int i = 0; i < width; i++) {
            v = (v << 8) | (rx[3 + i] & 0xFF);
        }
        return v;
    }

    static void write(Ade7953Model chip, int address, long value) {
        transfer(chip, frame(address, 0x00, Ade7953Map.width(address), value));
    }

    static byte[] frame(int address, int command, int width, long value) {
        byte[] tx = new byte[3 + width];
        tx[0] = (byte) (address >> 8);
        tx[1] = (byte) address;
        tx[2] = (byte) command;
        for (int i = 0; i < width; i++) {
            tx[3 + i] = (byte) (value >>> (8 * (width - 1 - i)));
        }
        return tx;
    }

    static byte[] transfer(Ade7953Model chip, byte[] tx) {
        byte[] rx = new byte[tx.length];
        try {
            chip.transfer(tx, rx);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rx;
    }
}
