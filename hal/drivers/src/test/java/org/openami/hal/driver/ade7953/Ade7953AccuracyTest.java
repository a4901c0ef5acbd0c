package org.openami.hal.driver.ade7953;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openami.hal.HalException;
import org.openami.hal.metering.CalibrationCoefficients;
import org.openami.hal.metering.CalibrationPlan;
import org.openami.hal.metering.CalibrationReport;
import org.openami.hal.metering.Calibrator;
import org.openami.sim.chip.AnalogErrors;

/**
 * Energy accuracy of driver + chip model on the reference board after the HAL's bench
 * calibration, against the simulator's ground truth. Rated current = Imax = 60 A (Ib 5 A).
 */
class Ade7953AccuracyTest {

    private static final long SEED = 7;
    private static final int[] PERCENT_OF_IMAX = {5, 10, 20, 50, 100, 120};
    private static final double[] LAG_DEG = {0, 60};
    private static final Duration RUN = Duration.ofMinutes(15);
    private static final Duration READ_EVERY = Duration.ofSeconds(1);

    @Test
    void energy_error_stays_within_half_a_percent_from_5_to_120_percent_of_rated_current() throws Exception {
        AnalogErrors errors = AnalogErrors.typical(SEED);
        List<double[]> calibrated;
        CalibrationReport report;
        try (Ade7953Bench bench = new Ade7953Bench(errors); Ade7953FrontEnd fe = bench.frontEnd()) {
            fe.initialize(CalibrationCoefficients.identity(1));
            report = new Calibrator(bench.clock).calibrate(fe, bench.load, CalibrationPlan.standard(Ade7953Bench.IB_MA));
            calibrated = sweep(bench, fe);
        }
        List<double[]> uncalibrated;
        try (Ade7953Bench bench = new Ade7953Bench(errors); Ade7953FrontEnd fe = bench.frontEnd()) {
            fe.initialize(CalibrationCoefficients.identity(1));
            uncalibrated = sweep(bench, fe);
        }

        printTable(errors, report, calibrated, uncalibrated);
        double worstUncalibrated = 0;
        for (int i = 0; i < calibrated.size(); i++) {
            assertThat(Math.abs(calibrated.get(i)[2])).as("calibrated error at point %d", i).isLessThanOrEqualTo(0.5);
            worstUncalibrated = Math.max(worstUncalibrated, Math.abs(uncalibrated.get(i)[2]));
        }
        assertThat(worstUncalibrated).as("calibration must matter on this board").isGreaterThan(1.0);
    }

    /** Each point: {percent of Imax, lag, error %}. */
    private static List<double[]> sweep(Ade7953Bench bench, Ade7953FrontEnd fe) throws HalException {
        List<double[]> points = new ArrayList<>();
        for (double lag : LAG_DEG) {
            for (int pct : PERCENT_OF_IMAX) {
                bench.load(Ade7953Bench.IMAX_MA / 1000.0 * pct / 100, lag);
                Ade7953Bench.EnergyRun run = bench.run(fe, RUN, READ_EVERY);
                points.add(new double[] {pct, lag, run.importErrorPercent()});
            }
        }
        return points;
    }

    private static void printTable(AnalogErrors e, CalibrationReport report, List<double[]> cal, List<double[]> uncal) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "ADE7953 energy accuracy, reference board (Un 230 V, Ib 5 A, Imax 60 A = rated current)%n"));
        b.append(String.format(Locale.ROOT, "front end errors AnalogErrors.typical(%d): V gain %.4f, I gain %.4f, phase %+.3f deg, I offset %.1f mA%n",
                SEED, e.voltageGain(), e.currentGain(), e.phaseErrorDeg(), e.currentOffsetA() * 1000));
        b.append(String.format(Locale.ROOT, "calibration residual (worst, power): %d ppm; 15 simulated min per point, readEnergy() every 1 s%n",
                report.worstErrorPpm()));
        b.append(String.format(Locale.ROOT, "%-25s | %12s | %12s%n", "point", "calibrated", "uncalibrated"));
        for (int i = 0; i < cal.size(); i++) {
            double[] p = cal.get(i);
            String point = String.format(Locale.ROOT, "%3.0f%% Imax (%4.1f A) PF %.1f", p[0], 60 * p[0] / 100, p[1] == 0 ? 1.0 : 0.5);
            b.append(String.format(Locale.ROOT, "%-25s | %+10.4f %% | %+10.4f %%%n", point, p[2], uncal.get(i)[2]));
        }
        System.out.print(b);
    }
}
