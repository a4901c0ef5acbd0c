package org.openami.hal.driver.atm90e32;

import org.openami.hal.HalException;
import org.openami.hal.driver.support.AbstractFrontEnd;
import org.openami.hal.driver.support.BoundedRetry;
import org.openami.hal.driver.support.SpiLink;
import org.openami.hal.metering.CalibrationCoefficients;
import org.openami.hal.metering.EnergyAccumulator;
import org.openami.hal.metering.FrontEndReading;
import org.openami.hal.time.HalClock;

/**
 * The ATM90E32AS three-phase metering IC as a {@link org.openami.hal.metering.MeteringFrontEnd}.
 *
 * <p><b>Bus:</b> one SPI chip select, mode 3, MSB first, 32-clock frames; every register
 * access is verified through the chip's LastSPIData register (see {@link Atm90e32Bus}).
 * <b>Initialisation:</b> probe, soft reset only if metering is off, 3P4W mode, PL constant,
 * calibration, then MeterEn = 1, with the configuration lock closed again afterwards
 * ({@link Atm90e32Setup}). <b>Reset detection:</b> MeterEn reads other than 1.
 * <b>Energy:</b> the per-phase read-with-clear registers (import/export, active/reactive)
 * go into the accumulator in sub-counts of 1/1000 count; call {@link #readEnergy()} at
 * least every 5 s (once a second is the intended rate). <b>Calibration:</b> gains, phase
 * and offsets go to the chip's registers; what the chip cannot hold (a reactive gain
 * different from the active one, rounding remainders, large current offsets) is applied in
 * software to readings and energy alike ({@link CalibrationMapper}).
 *
 * <p>Threading, blocking and failures as in {@link org.openami.hal.metering.MeteringFrontEnd}:
 * one owning thread; every call blocks for its SPI frames (at most a few hundred at 1 MHz,
 * so milliseconds) times the configured retries; {@link org.openami.hal.DeviceMismatchException}
 * when no ATM90E32AS answers, {@link org.openami.hal.IntegrityException} when replies cannot
 * be trusted, {@link org.openami.hal.BusException} when transfers fail.
 */
public final class Atm90e32FrontEnd extends AbstractFrontEnd {

    /** Energy sub-counts per chip count (software calibration resolution). */
    static final int SUB_COUNTS = 1000;

    private final SpiLink link;
    private final Atm90e32Config config;
    private final Atm90e32Setup setup;
    private final Atm90e32EnergyReader energyReader;
    private final Atm90e32InstantReader instantReader;
    private PhaseSettings[] settings;

    /**
     * @param link   the chip's SPI link (mode 3, up to 1 MHz); the front end owns and closes it
     * @param config board constants and retry policy
     * @param clock  time for retry pauses, the reset wait and the energy plausibility check
     */
    public Atm90e32FrontEnd(SpiLink link, Atm90e32Config config, HalClock clock) {
        super(link.device(), 3, config.energyNanoWhPerCount() / SUB_COUNTS,
                new BoundedRetry(config.retryAttempts(), config.retryPause(), clock), clock);
        this.link = link;
        this.config = config;
        Atm90e32Bus bus = new Atm90e32Bus(link, retry);
        this.setup = new Atm90e32Setup(bus, config, clock);
        this.energyReader = new Atm90e32EnergyReader(bus, config, clock);
        this.instantReader = new Atm90e32InstantReader(bus);
        this.settings = map(CalibrationCoefficients.identity(3));
    }

    @Override
    protected void configureChip() throws HalException {
        setup.configure();
    }

    @Override
    protected void writeCalibration(CalibrationCoefficients c) throws HalException {
        PhaseSettings[] mapped = map(c);
        setup.writeCalibration(mapped);
        settings = mapped;
    }

    @Override
    protected boolean chipWasReset() throws HalException {
        return setup.chipWasReset();
    }

    @Override
    protected FrontEndReading readInstantaneous() throws HalException {
        return instantReader.read(settings);
    }

    @Override
    protected void accumulateEnergy(EnergyAccumulator acc) throws HalException {
        energyReader.accumulate(acc, settings);
    }

    @Override
    public void close() {
        link.close();
    }

    private PhaseSettings[] map(CalibrationCoefficients c) {
        PhaseSettings[] out = new PhaseSettings[c.phases().size()];
        for (int p = 0; p < out.length; p++) {
            out[p] = CalibrationMapper.map(c.phase(p), config);
        }
        return out;
    }
}
