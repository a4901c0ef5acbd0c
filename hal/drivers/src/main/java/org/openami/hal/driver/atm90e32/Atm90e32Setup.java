package org.openami.hal.driver.atm90e32;

import static org.openami.hal.driver.atm90e32.Atm90e32Registers.*;

import java.time.Duration;
import org.openami.hal.DeviceMismatchException;
import org.openami.hal.HalException;
import org.openami.hal.time.HalClock;

/**
 * Brings an ATM90E32AS into the driver's mode and writes calibration registers:
 * <ol>
 *   <li>probe: unlock (0x55AA to CfgRegAccEn) and expect LastSPIData to echo it; a chip
 *       that never echoes in {@code attempts} tries is not an ATM90E32AS (or not there: a
 *       floating MISO reads 0xFFFF) and fails with {@link DeviceMismatchException};</li>
 *   <li>soft reset (0x789A to SoftReset, then 6 ms) only if MeterEn is not 1: a running
 *       chip (for example after a driver restart) keeps the energy it has not handed out;</li>
 *   <li>MMode0 (3P4W, line frequency), MMode1 (PGA 1x), PLconstH/L, each checked by
 *       LastSPIData and read back, then lock.</li>
 * </ol>
 * MeterEn = 1 is written last, at the end of {@link #writeCalibration} (which always follows
 * configuration): the chip never meters with half-written calibration, and a
 * re-initialisation that fails part-way leaves MeterEn at 0 after a soft reset, so the next
 * call sees a reset again and repeats the repair instead of trusting a half-configured chip.
 * A reset shows as MeterEn no longer reading 1. Blocks (bus transfers plus the reset wait);
 * not thread-safe.
 */
final class Atm90e32Setup {

    /** ESPHome waits 6 ms after a soft reset, the fact sheet's minimum is 5 ms. */
    static final Duration RESET_WAIT = Duration.ofMillis(6);

    private final Atm90e32Bus bus;
    private final Atm90e32Config config;
    private final HalClock clock;

    Atm90e32Setup(Atm90e32Bus bus, Atm90e32Config config, HalClock clock) {
        this.bus = bus;
        this.config = config;
        this.clock = clock;
    }

    void configure() throws HalException {
        probe();
        if (bus.read(METER_EN) != 1) {
            // the chip clears LastSPIData when it resets, so this write cannot be echo-checked
            bus.writeRaw(SOFT_RESET, SOFT_RESET_KEY);
            sleep(RESET_WAIT);
            bus.write(CFG_REG_ACC_EN, UNLOCK_KEY);
        }
        int mmode0 = MMODE0_3P4W | (config.lineFrequencyHz() == 60 ? MMODE0_FREQ60HZ : 0);
        bus.writeAndConfirm(MMODE0, mmode0);
        bus.writeAndConfirm(MMODE1, 0);
        bus.writeAndConfirm(PL_CONST_H, (int) (config.plConstant() >>> 16));
        bus.writeAndConfirm(PL_CONST_L, (int) (config.plConstant() & 0xFFFF));
        bus.write(CFG_REG_ACC_EN, LOCK_VALUE);
    }

    void writeCalibration(PhaseSettings[] phases) throws HalException {
        bus.write(CFG_REG_ACC_EN, UNLOCK_KEY);
        for (int p = 0; p < phases.length; p++) {
            PhaseSettings s = phases[p];
            bus.writeAndConfirm(stride4(UGAIN_A, p), s.ugain());
            bus.writeAndConfirm(stride4(IGAIN_A, p), s.igain());
            bus.writeAndConfirm(stride4(UOFFSET_A, p), 0);
            bus.writeAndConfirm(stride4(IOFFSET_A, p), s.ioffset());
            bus.writeAndConfirm(stride2(PQ_GAIN_A, p), s.pqGain());
            bus.writeAndConfirm(stride2(PHI_A, p), s.phi());
            bus.writeAndConfirm(stride2(POFFSET_A, p), s.poffset());
            bus.writeAndConfirm(stride2(QOFFSET_A, p), 0);
        }
        bus.writeAndConfirm(METER_EN, 1);
        bus.write(CFG_REG_ACC_EN, LOCK_VALUE);
    }

    /** MeterEn back at its power-on 0 (or anything but the 1 written) means the chip reset. */
    boolean chipWasReset() throws HalException {
        return bus.read(METER_EN) != 1;
    }

    private void probe() throws HalException {
        int echo = -1;
        for (int i = 0; i < config.retryAttempts(); i++) {
            bus.writeRaw(CFG_REG_ACC_EN, UNLOCK_KEY);
            echo = bus.lastSpiData();
            if (echo == UNLOCK_KEY) {
                return;
            }
        }
        throw new DeviceMismatchException(bus.device(), String.format(
                "no ATM90E32AS answering: LastSPIData (0x78) reads 0x%04X after writing 0x%04X to CfgRegAccEn",
                echo, UNLOCK_KEY));
    }

    private void sleep(Duration d) throws HalException {
        try {
            clock.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HalException(bus.device(), "interrupted while waiting for the soft reset", e);
        }
    }
}
