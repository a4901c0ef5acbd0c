package org.openami.hal.driver.ade7953;

import static org.openami.hal.driver.ade7953.Ade7953Register.LAST_ADD;
import static org.openami.hal.driver.ade7953.Ade7953Register.LAST_OP;
import static org.openami.hal.driver.ade7953.Ade7953Register.LAST_OP_WRITE;

import org.openami.hal.BusException;
import org.openami.hal.IntegrityException;
import org.openami.hal.driver.support.Bits;
import org.openami.hal.driver.support.SpiLink;

/**
 * Register access to an ADE7953 over SPI with the chip's communication verification.
 *
 * <p>Frame: address high, address low, command (0x80 read, 0x00 write), then the register's
 * 1-3 data bytes MSB first. After every access the chip latches LAST_OP (0x35 read, 0xCA
 * write), LAST_ADD (the address) and LAST_RWDATA of the access width (the data).
 * {@link #read} and {@link #write} check those latches, so a bit flipped on MISO or MOSI
 * shows up as an {@link IntegrityException} instead of a wrong value. Reading a latch twice
 * with the same result recovers the true value of a read whose reply was corrupted, which
 * matters for the read-with-reset energy registers (they cannot be read again).
 *
 * <p>Assumed (not stated in the datasheet text at hand, but implied by the feature): reading
 * the LAST_* registers does not overwrite them. Blocking; not thread-safe (one owner).
 */
final class Ade7953Bus {

    private static final int LATCH_READS = 3;

    private final SpiLink link;

    Ade7953Bus(SpiLink link) {
        this.link = link;
    }

    String device() {
        return link.device();
    }

    /** One read frame, unverified: the register's value as it arrived. */
    long readRaw(Ade7953Register r) throws BusException {
        byte[] tx = new byte[3 + r.width];
        tx[0] = (byte) (r.address >> 8);
        tx[1] = (byte) r.address;
        tx[2] = (byte) 0x80;
        return Bits.unsignedBe(link.transfer(tx), 3, r.width);
    }

    /** One write frame, unverified (only for the unlock key, which the next access must follow at once). */
    void writeRaw(Ade7953Register r, long value) throws BusException {
        byte[] tx = new byte[3 + r.width];
        tx[0] = (byte) (r.address >> 8);
        tx[1] = (byte) r.address;
        tx[2] = 0x00;
        Bits.putBe(tx, 3, r.width, value & r.mask());
        link.transfer(tx);
    }

    /**
     * Reads a register and confirms it against LAST_ADD and LAST_RWDATA.
     *
     * @throws IntegrityException if the latches never confirm the access
     */
    long read(Ade7953Register r) throws BusException {
        long value = readRaw(r);
        Long previousEcho = null;
        for (int i = 0; i < LATCH_READS; i++) {
            if (readRaw(LAST_ADD) != r.address) {
                continue;
            }
            long echo = readRaw(Ade7953Register.echoFor(r.width));
            if (echo == value) {
                return value;
            }
            if (previousEcho != null && previousEcho == echo) {
                return echo; // the latch read the same twice: the reply itself was corrupted
            }
            previousEcho = echo;
        }
        throw new IntegrityException(device(), "read of " + r + " not confirmed by LAST_ADD/LAST_RWDATA (got 0x"
                + Long.toHexString(value) + ")");
    }

    /**
     * Writes a register and confirms through LAST_OP, LAST_ADD and LAST_RWDATA that the chip
     * took exactly this write.
     */
    void write(Ade7953Register r, long value) throws BusException {
        long v = value & r.mask();
        writeRaw(r, v);
        for (int i = 0; i < LATCH_READS; i++) {
            if (readRaw(LAST_OP) == LAST_OP_WRITE && readRaw(LAST_ADD) == r.address
                    && readRaw(Ade7953Register.echoFor(r.width)) == v) {
                return;
            }
        }
        throw new IntegrityException(device(), "write of 0x" + Long.toHexString(v) + " to " + r
                + " not confirmed by LAST_OP/LAST_ADD/LAST_RWDATA");
    }

    /**
     * {@link #write}, then reads the register back: catches registers that ignore writes
     * (write protection, a stuck or damaged register).
     */
    void writeAndConfirm(Ade7953Register r, long value) throws BusException {
        write(r, value);
        long back = read(r);
        if (back != (value & r.mask())) {
            throw new IntegrityException(device(), r + " holds 0x" + Long.toHexString(back) + " after writing 0x"
                    + Long.toHexString(value & r.mask()));
        }
    }
}
