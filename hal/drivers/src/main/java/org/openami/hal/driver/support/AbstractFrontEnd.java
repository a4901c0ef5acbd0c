package org.openami.hal.driver.support;

import org.openami.hal.HalException;
import org.openami.hal.metering.CalibrationCoefficients;
import org.openami.hal.metering.EnergyAccumulator;
import org.openami.hal.metering.EnergyDelta;
import org.openami.hal.metering.FrontEndReading;
import org.openami.hal.metering.MeteringFrontEnd;
import org.openami.hal.time.HalClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life cycle every metering-IC driver shares, so each driver only says how its chip is
 * configured, calibrated, read and how it shows a reset:
 * <ul>
 *   <li>initialisation and calibration writes run under the driver's {@link BoundedRetry};</li>
 *   <li>every read first asks {@link #chipWasReset()} and, if so, re-configures the chip and
 *       writes the kept calibration back before reading;</li>
 *   <li>energy goes through one {@link EnergyAccumulator}, whose state callers persist.</li>
 * </ul>
 * {@link #accumulateEnergy} may run more than once for one {@link #readEnergy()} when a
 * transfer fails and is retried; implementations add each register to the accumulator as
 * soon as it is read, which is safe for both counter kinds (a re-read of a read-with-reset
 * register returns only new energy; a re-read counter only the distance since the last
 * sample). Threading and blocking as in {@link MeteringFrontEnd}.
 */
public abstract class AbstractFrontEnd implements MeteringFrontEnd {

    private static final Logger LOG = LoggerFactory.getLogger(AbstractFrontEnd.class);

    protected final String name;
    protected final HalClock clock;
    protected final BoundedRetry retry;
    private final int phaseCount;
    private final EnergyAccumulator energy;
    private CalibrationCoefficients calibration;
    private boolean initialized;
    private long resets;

    protected AbstractFrontEnd(String name, int phaseCount, long nanoWhPerCount, BoundedRetry retry, HalClock clock) {
        this.name = name;
        this.phaseCount = phaseCount;
        this.energy = new EnergyAccumulator(nanoWhPerCount);
        this.retry = retry;
        this.clock = clock;
        this.calibration = CalibrationCoefficients.identity(phaseCount);
    }

    /** Puts the chip in the mode this driver reads it in (after power-up or a reset). */
    protected abstract void configureChip() throws HalException;

    /** Writes calibration into the chip's registers (and keeps what the chip cannot hold). */
    protected abstract void writeCalibration(CalibrationCoefficients c) throws HalException;

    /** Whether the chip lost its configuration since it was configured (a reset). */
    protected abstract boolean chipWasReset() throws HalException;

    protected abstract FrontEndReading readInstantaneous() throws HalException;

    /** Reads the energy registers and adds them to {@code acc}, each as soon as it is read. */
    protected abstract void accumulateEnergy(EnergyAccumulator acc) throws HalException;

    /** Called after a detected reset, before re-configuration: e.g. restart counter baselines. */
    protected void onChipReset(EnergyAccumulator acc) {
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int phaseCount() {
        return phaseCount;
    }

    @Override
    public final void initialize(CalibrationCoefficients cal) throws HalException {
        checkPhases(cal);
        retry.call(() -> {
            configureChip();
            writeCalibration(cal);
            return null;
        });
        calibration = cal;
        initialized = true;
    }

    @Override
    public final void applyCalibration(CalibrationCoefficients cal) throws HalException {
        checkPhases(cal);
        requireInitialized();
        retry.call(() -> {
            writeCalibration(cal);
            return null;
        });
        calibration = cal;
    }

    @Override
    public final CalibrationCoefficients calibration() {
        return calibration;
    }

    @Override
    public final FrontEndReading read() throws HalException {
        requireInitialized();
        repairIfReset();
        return retry.call(this::readInstantaneous);
    }

    @Override
    public final EnergyDelta readEnergy() throws HalException {
        requireInitialized();
        repairIfReset();
        retry.call(() -> {
            accumulateEnergy(energy);
            return null;
        });
        return energy.drain();
    }

    @Override
    public final EnergyAccumulator.State energyState() {
        return energy.state();
    }

    @Override
    public final void restoreEnergyState(EnergyAccumulator.State state) {
        energy.restore(state);
    }

    @Override
    public final long resetsDetected() {
        return resets;
    }

    private void repairIfReset() throws HalException {
        if (!retry.call(this::chipWasReset)) {
            return;
        }
        resets++;
        LOG.warn("{}: chip reset detected (#{}), re-initialising with its calibration", name, resets);
        onChipReset(energy);
        retry.call(() -> {
            configureChip();
            writeCalibration(calibration);
            return null;
        });
    }

    private void requireInitialized() {
        if (!initialized) {
            throw new IllegalStateException(name + ": initialize() first");
        }
    }

    private void checkPhases(CalibrationCoefficients cal) {
        if (cal.phases().size() != phaseCount) {
            throw new IllegalArgumentException(name + " has " + phaseCount + " phase(s), calibration has " + cal.phases().size());
        }
    }
}
