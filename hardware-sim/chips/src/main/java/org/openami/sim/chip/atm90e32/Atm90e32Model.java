package org.openami.sim.chip.atm90e32;

import static org.openami.sim.chip.atm90e32.Atm90e32Map.*;

import java.io.IOException;
import java.util.Arrays;
import org.openami.hal.time.HalClock;
import org.openami.sim.chip.AnalogErrors;
import org.openami.sim.chip.ChipFaults;
import org.openami.sim.chip.EnergyIntegrator;
import org.openami.sim.chip.GroundTruth;
import org.openami.sim.load.LoadModel;

/**
 * An ATM90E32AS behind its SPI port, with three phases of a load measured through the
 * given analog front-end errors.
 *
 * <p><b>SPI frame</b> ({@link #transfer}): exactly 32 clocks with chip select low, MSB
 * first: a 16-bit command word (bit 15 = 1 read, 0 write; bits 9..0 address; bits 14..10
 * ignored), then a 16-bit data word. A read returns the register in the second word; the
 * chip drives 0 during the command word and during a write. A frame of any other length is
 * ignored (all-zero reply). LastSPIData (0x78) holds the data word of the last read or
 * write, except reads of 0x78 itself; a soft or power-on reset clears it.
 *
 * <p><b>Time</b>: every frame first integrates energy up to {@code clock.now()}.
 *
 * <p><b>Status</b>: EMMState0/1 are computed when read; EMMIntState0/1 latch the EMMState
 * bits seen at reads of either (the model does not watch status between reads) and are
 * cleared by writing ones.
 *
 * <p><b>Faults</b> ({@link #faults()}): an injected bus error fails the transfer with an
 * {@link IOException} before the chip sees the frame (no side effect: nothing cleared, no
 * LastSPIData change). An injected corruption flips one bit of a read reply on the wire
 * (bit 0, then 1, ... for successive corruptions); the chip's LastSPIData keeps the true
 * value; corruptions are only consumed by read frames. A stuck register reads its stuck
 * value, which LastSPIData echoes; the real register is not touched (a stuck energy
 * register is not cleared).
 *
 * <p><b>Board constants</b>: {@code unityUgain}/{@code unityIgain} are the Ugain/Igain
 * register values at which an error-free front end of the modelled board reads true volts
 * and amperes; {@code energyLsbCf} is the energy register LSB as a fraction of one CF pulse
 * (0.01 per most sources, 0.1 per one report).
 *
 * <p>Thread-safe: every public method is synchronised.
 */
public final class Atm90e32Model {

    public static final double DEFAULT_ENERGY_LSB_CF = 0.01;

    private final HalClock clock;
    private final double energyLsbCf;
    private final ChipFaults faults = new ChipFaults();
    private final ConfigRegisters config = new ConfigRegisters();
    private final CorrectionDecoder decoder;
    private final EnergyIntegrator integrator;
    private final MeasurementRegisters measurements;
    private final EnergyRegisters energy = new EnergyRegisters();
    private final int[] latchedStatus = new int[2];
    private int lastSpiData;
    private int corruptions;

    /** A model with the usual energy LSB of 0.01 CF. */
    public Atm90e32Model(HalClock clock, LoadModel load, AnalogErrors[] errorsPerPhase, int unityUgain, int unityIgain) {
        this(clock, load, errorsPerPhase, unityUgain, unityIgain, DEFAULT_ENERGY_LSB_CF);
    }

    public Atm90e32Model(HalClock clock, LoadModel load, AnalogErrors[] errorsPerPhase, int unityUgain, int unityIgain,
                         double energyLsbCf) {
        if (errorsPerPhase.length != 3) {
            throw new IllegalArgumentException("the ATM90E32AS has 3 phases, got errors for " + errorsPerPhase.length);
        }
        if (unityUgain <= 0 || unityUgain > 0xFFFF || unityIgain <= 0 || unityIgain > 0xFFFF) {
            throw new IllegalArgumentException("unity gains must be 16-bit register values");
        }
        if (!(energyLsbCf > 0) || energyLsbCf > 1) {
            throw new IllegalArgumentException("energy LSB must be in (0, 1] CF: " + energyLsbCf);
        }
        this.clock = clock;
        this.energyLsbCf = energyLsbCf;
        this.decoder = new CorrectionDecoder(config, unityUgain, unityIgain);
        this.integrator = new EnergyIntegrator(load, errorsPerPhase, decoder::forPhase, clock.now());
        this.measurements = new MeasurementRegisters(integrator, decoder);
    }

    /** One full-duplex SPI transfer with chip select held low for its whole length. */
    public synchronized void transfer(byte[] tx, byte[] rx) throws IOException {
        if (faults.takeBusError()) {
            throw new IOException("injected SPI bus error");
        }
        Arrays.fill(rx, (byte) 0);
        if (tx.length != 4 || rx.length != 4) {
            return;
        }
        int command = ((tx[0] & 0xFF) << 8) | (tx[1] & 0xFF);
        int data = ((tx[2] & 0xFF) << 8) | (tx[3] & 0xFF);
        int address = command & 0x3FF;
        advance();
        if ((command & 0x8000) == 0) {
            write(address, data);
            return;
        }
        int value = read(address);
        if (address != LAST_SPI_DATA) {
            lastSpiData = value;
        }
        if (faults.takeCorruption()) {
            value ^= 1 << (corruptions++ % 16);
        }
        rx[2] = (byte) (value >>> 8);
        rx[3] = (byte) value;
    }

    /** Fault injection for this chip. */
    public ChipFaults faults() {
        return faults;
    }

    /** Energy that really flowed through the modelled phases since construction. */
    public GroundTruth groundTruth() {
        return integrator.groundTruth();
    }

    /**
     * Power cycle (or RESET pin): every register back to its power-on value, metering off,
     * write lock on, and the energy the chip had not yet handed out lost.
     */
    public synchronized void powerOnReset() {
        integrator.advanceTo(clock.now());
        integrator.clearPending();
        energy.clear();
        config.reset();
        Arrays.fill(latchedStatus, 0);
        lastSpiData = 0;
    }

    /**
     * The stored value of a register in 0x00..0x7F (configuration, calibration, LastSPIData)
     * or the pending counts of an energy register, without the side effects of an SPI read.
     */
    public synchronized long peek(int address) {
        if (EnergyRegisters.holds(address)) {
            advance();
            return energy.peek(address);
        }
        if (address == LAST_SPI_DATA) {
            return lastSpiData;
        }
        if (ConfigRegisters.holds(address)) {
            return config.read(address);
        }
        throw new IllegalArgumentException("not a stored register: 0x" + Integer.toHexString(address));
    }

    /** Energy of one count of the energy registers under the current PLconst, in Wh. */
    public synchronized double whPerCount() {
        return decoder.whPerCount(energyLsbCf);
    }

    private void advance() {
        integrator.advanceTo(clock.now());
        energy.harvest(integrator, decoder, decoder.whPerCount(energyLsbCf));
    }

    private int read(int address) {
        Long stuck = faults.stuckValue(address);
        if (stuck != null) {
            return (int) (stuck & 0xFFFF);
        }
        if (EnergyRegisters.holds(address)) {
            return energy.readAndClear(address);
        }
        switch (address) {
            case LAST_SPI_DATA:
                return lastSpiData;
            case SOFT_RESET:
            case CRC_ERR_STATUS:
                return 0;
            case EMM_STATE0:
            case EMM_STATE1:
                return latch(address - EMM_STATE0);
            case EMM_INT_STATE0:
            case EMM_INT_STATE1:
                latch(address - EMM_INT_STATE0);
                return latchedStatus[address - EMM_INT_STATE0];
            default:
                break;
        }
        if (ConfigRegisters.holds(address)) {
            return config.read(address);
        }
        return measurements.read(address, clock.now());
    }

    private void write(int address, int data) {
        lastSpiData = data;
        if (address == SOFT_RESET) {
            if (data == SOFT_RESET_KEY) {
                powerOnReset();
            }
        } else if (address == EMM_INT_STATE0 || address == EMM_INT_STATE1) {
            latchedStatus[address - EMM_INT_STATE0] &= ~data;
        } else if (ConfigRegisters.holds(address)) {
            config.write(address, data);
        }
        // read-only registers (EMMState, LastSPIData, CRCErrStatus, >= 0x80) ignore writes
    }

    /** Current EMMState word; its set bits are latched into EMMIntState (write 1 to clear). */
    private int latch(int which) {
        int state = measurements.emmState(which, clock.now(), config);
        latchedStatus[which] |= state;
        return state;
    }
}
