package org.openami.meter.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.openami.hal.HalException;
import org.openami.hal.metering.CalibrationCoefficients;
import org.openami.hal.metering.CalibrationPlan;
import org.openami.hal.metering.Calibrator;
import org.openami.hal.metering.MeteringFrontEnd;
import org.openami.hal.time.HalClock;
import org.openami.sim.board.SimChip;
import org.openami.sim.board.SimulatedBoard;
import org.openami.sim.load.LoadModel;
import org.openami.sim.time.ManualClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A meter board on simulated chips ({@link SimulatedBoard}) with the customer's load. On
 * the first start in a data directory the board is calibrated on a simulated test bench:
 * an identical board (same chip, same component-tolerance seed) on a manual clock, so it
 * takes milliseconds; the coefficients are kept in {@code calibration.properties} like a
 * factory calibration.
 */
public final class SimulatedHardwareFactory {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedHardwareFactory.class);
    private static final int BASIC_CURRENT_MA = 10_000;

    private SimulatedHardwareFactory() {
    }

    public static MeterHardware build(SimChip chip, LoadModel load, long seed, HalClock clock, Path dataDir)
            throws HalException, IOException, InterruptedException {
        CalibrationCoefficients cal = CalibrationFile.load(dataDir).orElse(null);
        if (cal == null) {
            cal = benchCalibrate(chip, seed);
            CalibrationFile.save(dataDir, cal);
            LOG.info("calibrated the simulated {} board on the bench; coefficients saved to {}", chip, dataDir.resolve(CalibrationFile.FILE));
        }
        SimulatedBoard sim = SimulatedBoard.builder(chip).clock(clock).load(load).seed(seed).build();
        return new MeterHardware(sim.board(), sim, sim);
    }

    /** The front end is initialised later by the application, with these coefficients. */
    private static CalibrationCoefficients benchCalibrate(SimChip chip, long seed) throws HalException, InterruptedException {
        ManualClock bench = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (SimulatedBoard b = SimulatedBoard.builder(chip).clock(bench).seed(seed).build()) {
            MeteringFrontEnd fe = b.board().frontEnd();
            fe.initialize(CalibrationCoefficients.identity(fe.phaseCount()));
            new Calibrator(bench).calibrate(fe, b.load(), CalibrationPlan.standard(BASIC_CURRENT_MA));
            return fe.calibration();
        }
    }
}
