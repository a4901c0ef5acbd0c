package org.openami.hal.driver.atm90e32;

import static org.openami.hal.driver.atm90e32.Atm90e32Registers.*;

import org.openami.hal.BusException;
import org.openami.hal.HalException;
import org.openami.hal.IntegrityException;
import org.openami.hal.driver.support.Bits;
import org.openami.hal.driver.support.BoundedRetry;
import org.openami.hal.driver.support.SpiLink;

/**
 * Register access in the ATM90E32AS's 32-clock frame (16-bit command word, bit 15 = read,
 * then 16 data bits, MSB first), every access checked against LastSPIData (0x78), which the
 * chip keeps as its own record of the data word of the last read or write.
 *
 * <p>Verified read: the register, then LastSPIData. If they differ, LastSPIData is read
 * once more (reading it does not change it) and the value two of the three reads agree on
 * is taken; if none agree, {@link IntegrityException}. This recovers a read-with-clear
 * register whose reply was corrupted on the wire without reading it twice (a second read
 * would only return new energy). A bus error on a LastSPIData read is retried on its own,
 * so a value already clocked out of a read-with-clear register is not dropped.
 *
 * <p>Verified write: the write, then LastSPIData must echo the data word, else
 * {@link IntegrityException} (the caller's retry repeats the idempotent write).
 *
 * <p>Blocks for the transfers; not thread-safe (owned by one front end).
 */
final class Atm90e32Bus {

    private final SpiLink link;
    private final BoundedRetry retry;

    Atm90e32Bus(SpiLink link, BoundedRetry retry) {
        this.link = link;
        this.retry = retry;
    }

    String device() {
        return link.device();
    }

    /** One read frame, unverified. */
    int readRaw(int address) throws BusException {
        byte[] rx = link.transfer(frame(READ_BIT | (address & ADDRESS_MASK), 0));
        return (int) Bits.unsignedBe(rx, 2, 2);
    }

    /** One write frame, unverified. */
    void writeRaw(int address, int value) throws BusException {
        link.transfer(frame(address & ADDRESS_MASK, value));
    }

    /** LastSPIData, with bus errors retried (the read has no side effect). */
    int lastSpiData() throws HalException {
        return retry.call(() -> readRaw(LAST_SPI_DATA));
    }

    /** A register value confirmed by LastSPIData (see the class comment). */
    int read(int address) throws HalException {
        int value = readRaw(address);
        int echo = lastSpiData();
        if (echo == value) {
            return value;
        }
        int echo2 = lastSpiData();
        if (echo2 == echo) {
            return echo;
        }
        if (echo2 == value) {
            return value;
        }
        throw new IntegrityException(device(), String.format(
                "register 0x%03X: reply 0x%04X, LastSPIData 0x%04X then 0x%04X", address, value, echo, echo2));
    }

    /** Writes and checks the LastSPIData echo. */
    void write(int address, int value) throws HalException {
        writeRaw(address, value);
        int echo = lastSpiData();
        if (echo != (value & 0xFFFF)) {
            throw new IntegrityException(device(), String.format(
                    "write 0x%04X to 0x%03X: LastSPIData echoes 0x%04X", value & 0xFFFF, address, echo));
        }
    }

    /** Writes, checks the echo, and reads the register back: a locked or stuck register fails. */
    void writeAndConfirm(int address, int value) throws HalException {
        write(address, value);
        int back = read(address);
        if (back != (value & 0xFFFF)) {
            throw new IntegrityException(device(), String.format(
                    "register 0x%03X holds 0x%04X after writing 0x%04X", address, back, value & 0xFFFF));
        }
    }

    /**
     * A signed 32-bit value split over a high-word and an LSB register: high, low, high again;
     * if the high word moved in between (the chip refreshed its averages), the low word is
     * read again with the newer high word.
     */
    long readSigned32(int highAddress, int lowAddress) throws HalException {
        int high = read(highAddress);
        int low = read(lowAddress);
        int again = read(highAddress);
        if (again != high) {
            high = again;
            low = read(lowAddress);
        }
        return ((long) (short) high << 16) | low;
    }

    private static byte[] frame(int command, int data) {
        byte[] tx = new byte[4];
        Bits.putBe(tx, 0, 2, command);
        Bits.putBe(tx, 2, 2, data);
        return tx;
    }
}
