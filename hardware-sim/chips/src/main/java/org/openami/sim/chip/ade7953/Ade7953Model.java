package org.openami.sim.chip.ade7953;

import static org.openami.sim.chip.ade7953.Ade7953Map.*;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import org.openami.hal.time.HalClock;
import org.openami.sim.chip.AnalogErrors;
import org.openami.sim.chip.ChipFaults;
import org.openami.sim.chip.EnergyIntegrator;
import org.openami.sim.chip.GroundTruth;
import org.openami.sim.load.LoadModel;

/**
 * An ADE7953 behind its SPI port, register for register, measuring a {@link LoadModel}
 * through a board's analog front end ({@link Ade7953Board} nominal values, {@link AnalogErrors}
 * tolerances).
 *
 * <p><b>SPI frame</b> (chip select low for the whole transfer): address high byte, address
 * low byte, command byte (bit 7 set = read, 0x80; clear = write, 0x00), then the register's
 * 1-4 data bytes MSB first — shifted out by the chip on a read, in by the host on a write.
 * The width follows the address ({@code 0x0xx} 8-bit, {@code 0x1xx} 16, {@code 0x2xx} 24,
 * {@code 0x3xx} the 32-bit view of the same 24-bit registers; VERSION 0x702 and EX_REF
 * 0x800 8-bit). MISO is 0x00 during the header and during writes. A frame shorter than its
 * register's width is aborted: nothing happens. Bytes beyond the width read 0x00.
 *
 * <p><b>Time</b>: every transfer first advances the energy integrator to the clock's now, so
 * energy does not depend on how often the driver reads.
 *
 * <p><b>Faults</b> ({@link #faults()}): an injected bus error fails the transfer with an
 * {@link IOException} before the chip sees it; a corruption flips one data bit of the next
 * read reply (the chip's own state, including LAST_RWDATA, stays right); a stuck register
 * reads its stuck value (through either of its addresses). {@link #powerOnReset()} is a
 * power cycle. Thread-safe: every method synchronises on the model.
 */
public final class Ade7953Model {

    private final HalClock clock;
    private final Ade7953Registers regs;
    private final Ade7953Metrology metrology;
    private final EnergyIntegrator integrator;
    private final ChipFaults faults = new ChipFaults();
    private int corruptedBit;

    public Ade7953Model(HalClock clock, LoadModel load, AnalogErrors errors, Ade7953Board board) {
        this.clock = clock;
        Instant now = clock.now();
        this.regs = new Ade7953Registers(this::dspResult);
        this.metrology = new Ade7953Metrology(board, load, regs);
        this.integrator = new EnergyIntegrator(load, new AnalogErrors[] {errors},
                phase -> metrology.correction(clock.now()), now);
        metrology.attach(integrator, now);
        regs.reset();
    }

    /** Faults to inject into this chip's transfers. */
    public ChipFaults faults() {
        return faults;
    }

    /** Energy that really flowed through the meter (phase A), for accuracy checks. */
    public GroundTruth groundTruth() {
        return integrator.groundTruth();
    }

    /**
     * One full-duplex SPI transfer, as wired to {@code SimSpiProvider.attach(bus, cs, model::transfer)}.
     *
     * @throws IOException an injected bus error
     */
    public synchronized void transfer(byte[] tx, byte[] rx) throws IOException {
        if (faults.takeBusError()) {
            throw new IOException("injected SPI bus error");
        }
        Arrays.fill(rx, (byte) 0);
        Instant now = clock.now();
        integrator.advanceTo(now);
        metrology.accumulate(now);
        if (tx.length < 3) {
            return;
        }
        int address = ((tx[0] & 0xFF) << 8) | (tx[1] & 0xFF);
        boolean read = (tx[2] & 0x80) != 0;
        int width = width(address);
        if (tx.length < 3 + width) {
            return;
        }
        if (read) {
            long value = stuckOr(address);
            regs.recordAccess(address, false, value);
            for (int i = 0; i < width; i++) {
                rx[3 + i] = (byte) (value >>> (8 * (width - 1 - i)));
            }
            if (faults.takeCorruption()) {
                int bit = corruptedBit++ % (8 * width);
                rx[3 + bit / 8] ^= (byte) (1 << (bit % 8));
            }
        } else {
            long value = 0;
            for (int i = 0; i < width; i++) {
                value = (value << 8) | (tx[3 + i] & 0xFF);
            }
            regs.recordAccess(address, true, value);
            if (regs.hostWrite(address, value)) {
                reset(now);
            }
        }
    }

    /**
     * A power cycle (or the RESET pin): every register returns to its default, the energy
     * the chip had not handed out is lost, and IRQSTATA.RESET is set.
     */
    public synchronized void powerOnReset() {
        Instant now = clock.now();
        integrator.advanceTo(now);
        reset(now);
    }

    /**
     * A register's stored value, as a test probe sees it: no side effects, no faults, no
     * LAST_* update. DSP results (RMS, powers) are computed on read and show 0 here.
     */
    public synchronized long peek(int address) {
        return Ade7953Registers.view(address, regs.get(storage(address)));
    }

    private long dspResult(int address) {
        return metrology.result(address, clock.now());
    }

    private long stuckOr(int address) {
        Long stuck = faults.stuckValue(address);
        if (stuck == null && storage(address) != address) {
            stuck = faults.stuckValue(storage(address));
        }
        if (stuck == null) {
            return regs.hostRead(address);
        }
        regs.disarmUnlock();
        return Ade7953Registers.view(address, stuck);
    }

    private void reset(Instant now) {
        integrator.clearPending();
        metrology.clearPending(now);
        regs.reset();
    }
}
