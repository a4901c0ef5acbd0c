package org.openami.hal.metering;

import org.openami.hal.HalException;

/**
 * A metering IC with its analog front end (voltage divider, shunt or CT).
 *
 * <p><b>Threading:</b> not thread-safe; one thread (the metrology loop) owns the instance.
 * <b>Blocking:</b> every method that talks to the chip blocks until the bus transaction
 * completes; a single call takes at most a few bus transfers times the driver's retry
 * bound. <b>Failures:</b> after the bounded retries, {@link HalException} subclasses; the
 * instance stays usable, and the next call tries again.
 *
 * <p><b>Chip resets:</b> every read checks the chip's reset indication (a status bit or a
 * configuration register back at its power-on default). A reset chip is re-initialised
 * with the current calibration before the read completes, and {@link #resetsDetected()}
 * counts it; energy the chip had not yet handed out when it reset is lost in the chip, not
 * here.
 */
public interface MeteringFrontEnd extends AutoCloseable {

    /** Short device name for logs and events, for example {@code "atm90e32@spi0.1"}. */
    String name();

    /** Number of phases this front end measures (1 or 3). */
    int phaseCount();

    /**
     * Configures the chip (reset if needed, unlock, mode registers) and writes the
     * calibration. Must be called once before reads.
     *
     * @throws org.openami.hal.DeviceMismatchException if the chip does not identify as expected
     * @throws HalException                             on bus failure
     */
    void initialize(CalibrationCoefficients calibration) throws HalException;

    /** Writes new calibration coefficients to the chip (and keeps them for re-initialisation). */
    void applyCalibration(CalibrationCoefficients calibration) throws HalException;

    /** The calibration currently applied. */
    CalibrationCoefficients calibration();

    /** Reads instantaneous values of every phase and the line frequency. */
    FrontEndReading read() throws HalException;

    /**
     * Reads the chip's energy counters and returns what accumulated since the previous call.
     * Call it often enough that a free-running counter cannot wrap twice in between (each
     * driver documents its minimum rate; once a second is safe for every supported chip).
     */
    EnergyDelta readEnergy() throws HalException;

    /**
     * The energy accumulator state to persist together with the energy returned so far,
     * so that a restarted driver continues without loss.
     */
    EnergyAccumulator.State energyState();

    /** Restores a persisted accumulator state; call before {@link #initialize}. */
    void restoreEnergyState(EnergyAccumulator.State state);

    /** How many chip resets were detected and repaired since construction. */
    long resetsDetected();

    /** Releases the bus handle. Never throws; idempotent. */
    @Override
    void close();
}
