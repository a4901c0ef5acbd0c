package org.openami.hal.driver.bl0942;

import static org.openami.hal.driver.bl0942.Bl0942Protocol.*;

import java.util.List;
import org.openami.hal.BusException;
import org.openami.hal.DeviceMismatchException;
import org.openami.hal.HalException;
import org.openami.hal.IntegrityException;
import org.openami.hal.driver.serial.SerialLine;
import org.openami.hal.driver.support.AbstractFrontEnd;
import org.openami.hal.driver.support.BoundedRetry;
import org.openami.hal.metering.CalibrationCoefficients;
import org.openami.hal.metering.EnergyAccumulator;
import org.openami.hal.metering.FrontEndReading;
import org.openami.hal.time.HalClock;

/**
 * A Belling BL0942 single-phase metering IC on a UART (8N1; 4800 baud with SCLK_BPS low,
 * 9600 with it high), one phase, shunt current input.
 *
 * <p><b>Configuration.</b> {@link #initialize} first reads MODE; a chip that never answers at
 * the configured address is a {@link DeviceMismatchException}. It then unlocks USR_WRPROT,
 * writes MODE (see {@link Bl0942Protocol#operatingMode}: algebraic CF_CNT, not cleared on
 * read, CF on, 50/60 Hz), locks again and reads MODE back ({@link IntegrityException} if it
 * differs). A chip whose MODE reads anything else later (its default 0x87 after a supply dip)
 * counts as reset: it is re-configured, and its energy counter is taken to restart from zero
 * (unless the next CF_CNT sample shows it kept counting, see {@link CfEnergyLedger#chipReset()}).
 *
 * <p><b>Calibration</b> is applied in the driver (the chip has no gain or phase registers):
 * see {@link SoftwareCalibration}. <b>The phase correction is ignored</b>; the BL0942 relies on
 * its matched channels. <b>Reactive power</b> is not measured by the chip: readings carry 0
 * (or the non-active power, per {@link Bl0942Config#reactivePower()}), reactive energy is
 * always 0, the power factor is P / (Vrms x Irms).
 *
 * <p><b>Reads.</b> {@link #read()} uses the full packet (one 23-byte reply, all values from
 * one instant; 48 ms at 4800 baud). {@link #readEnergy()} reads CF_CNT alone and books it
 * through {@link CfEnergyLedger}; call it at least every few hours (the counter may move at
 * most 2^23 counts, about 1.5 MWh, between two calls; once a second is the usual rate).
 * Each reply's checksum is verified; late or stray bytes are discarded before each request.
 * Threading, blocking and failures as in {@link org.openami.hal.metering.MeteringFrontEnd}.
 */
public final class Bl0942FrontEnd extends AbstractFrontEnd {

    private final SerialLine line;
    private final Bl0942Config config;
    private final Bl0942Link link;
    private final Bl0942Scaling scaling;
    private final CfEnergyLedger ledger = new CfEnergyLedger();
    private final int mode;
    private SoftwareCalibration calibration;

    /**
     * @param line   an open UART to the chip; this front end owns it from now and closes it
     * @param config board constants, address, retries and timeouts
     * @param clock  the time base for retry pauses
     */
    public Bl0942FrontEnd(SerialLine line, Bl0942Config config, HalClock clock) {
        super("bl0942@" + line.name() + "#" + config.address(), 1, 1 /* the accumulator counts nWh */,
                new BoundedRetry(config.attempts(), config.retryPause(), clock), clock);
        this.line = line;
        this.config = config;
        this.link = new Bl0942Link(line, config.address(), config.replyTimeout(), name);
        this.scaling = new Bl0942Scaling(config);
        this.mode = operatingMode(config.lineFrequencyHz());
        this.calibration = software(CalibrationCoefficients.identity(1));
    }

    @Override
    protected void configureChip() throws HalException {
        probe();
        link.writeRegister(USR_WRPROT, UNLOCK_KEY);
        link.writeRegister(MODE, mode);
        link.writeRegister(USR_WRPROT, LOCK);
        long readBack = link.readRegister(MODE);
        if (readBack != mode) {
            throw new IntegrityException(name, String.format("MODE reads 0x%03X after writing 0x%03X", readBack, mode));
        }
    }

    private void probe() throws HalException {
        try {
            retry.call(() -> link.readRegister(MODE));
        } catch (IntegrityException e) {
            throw e;
        } catch (BusException e) {
            throw new DeviceMismatchException(name, "no BL0942 answers at UART address " + config.address() + " ("
                    + e.getMessage() + "): check TX/RX crossing, the A1/A2 straps and the baud rate (SCLK_BPS pin)");
        }
    }

    @Override
    protected void writeCalibration(CalibrationCoefficients c) {
        calibration = software(c);
    }

    private SoftwareCalibration software(CalibrationCoefficients c) {
        return new SoftwareCalibration(c.phase(0), scaling, config.reactivePower());
    }

    @Override
    protected boolean chipWasReset() throws HalException {
        return link.readRegister(MODE) != mode;
    }

    @Override
    protected void onChipReset(EnergyAccumulator acc) {
        ledger.chipReset();
    }

    @Override
    protected FrontEndReading readInstantaneous() throws HalException {
        Bl0942Packet p = link.readPacket();
        int milliHz = p.freq() == 0 ? 0 : (int) ((1_000_000_000L + p.freq() / 2) / p.freq());
        return new FrontEndReading(List.of(calibration.reading(p)), milliHz);
    }

    @Override
    protected void accumulateEnergy(EnergyAccumulator acc) throws HalException {
        ledger.sample(acc, link.readRegister(CF_CNT), calibration.picoWhPerCount());
    }

    @Override
    public void close() {
        line.close();
    }
}
