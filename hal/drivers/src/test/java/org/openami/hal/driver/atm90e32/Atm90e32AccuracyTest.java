package org.openami.hal.driver.atm90e32;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openami.hal.metering.CalibrationCoefficients;
import org.openami.hal.metering.CalibrationReport;
import org.openami.sim.chip.AnalogErrors;

/**
 * Energy accuracy of calibrated and uncalibrated boards against the simulator's ground
 * truth, at the current points of a meter's accuracy test (IEC 62053-21 style), Ib = 10 A,
 * Un = 230 V, all three phases driven and summed.
 */
class Atm90e32AccuracyTest {

    private static final double[] PERCENT_OF_IB = {5, 10, 20, 50, 100, 120};
    private static final double[] LAG_DEG = {0, 60};
    private static final AnalogErrors[] BOARD = {AnalogErrors.typical(11), AnalogErrors.typical(22), AnalogErrors.typical(33)};

    private record Point(double percent, double lagDeg, double errorPercent) {
    }

    @Test
    void energy_error_stays_within_half_a_percent_from_5_to_120_percent_of_rated_current() throws Exception {
        try (Atm90e32Bench b = new Atm90e32Bench(BOARD); Atm90e32FrontEnd fe = b.open()) {
            fe.initialize(CalibrationCoefficients.identity(3));
            CalibrationReport report = b.calibrate(fe);
            List<Point> points = sweep(b, fe, 15 * 60);
            print("calibrated, 15 simulated minutes per point, residual after calibration "
                    + report.worstErrorPpm() + " ppm", points);
            assertThat(points).allSatisfy(p -> assertThat(Math.abs(p.errorPercent())).isLessThanOrEqualTo(0.5));
        }
    }

    @Test
    void an_uncalibrated_board_is_off_by_its_component_tolerances() throws Exception {
        try (Atm90e32Bench b = new Atm90e32Bench(BOARD); Atm90e32FrontEnd fe = b.open()) {
            fe.initialize(CalibrationCoefficients.identity(3));
            List<Point> points = sweep(b, fe, 5 * 60);
            print("uncalibrated (unity board gains), 5 simulated minutes per point", points);

            System.out.println("uncalibrated active power per phase at Ib (phase errors partly cancel in the sum):");
            double worstPhase = 0;
            for (double lag : LAG_DEG) {
                b.set(Atm90e32Bench.IB_MA / 1000.0, lag);
                var reading = fe.read();
                double truthMw = 230.0 * Atm90e32Bench.IB_MA * Math.cos(Math.toRadians(lag));
                for (int p = 0; p < 3; p++) {
                    double err = (reading.phases().get(p).activePowerMw() - truthMw) / truthMw * 100;
                    worstPhase = Math.max(worstPhase, Math.abs(err));
                    AnalogErrors e = BOARD[p];
                    System.out.printf("  phase %c  PF %-12s %+8.3f %%   (front end: U x%.4f, I x%.4f, CT %+.3f deg)%n",
                            'A' + p, lag == 0 ? "1.0" : "0.5 lagging", err, e.voltageGain(), e.currentGain(),
                            e.phaseErrorDeg());
                }
            }
            double worstTotal = points.stream().mapToDouble(pt -> Math.abs(pt.errorPercent())).max().orElseThrow();
            assertThat(worstTotal).isGreaterThan(0.5);
            assertThat(worstPhase).isGreaterThan(2.0);
        }
    }

    private static List<Point> sweep(Atm90e32Bench b, Atm90e32FrontEnd fe, int seconds) throws Exception {
        List<Point> points = new ArrayList<>();
        for (double lag : LAG_DEG) {
            for (double pct : PERCENT_OF_IB) {
                b.set(Atm90e32Bench.IB_MA / 1000.0 * pct / 100, lag);
                b.clock.advance(java.time.Duration.ofSeconds(1));
                fe.readEnergy(); // drop what accumulated before this point
                double truthBefore = b.truthImportMwh();
                long measured = b.run(fe, seconds).importActiveMwh();
                double truth = b.truthImportMwh() - truthBefore;
                points.add(new Point(pct, lag, (measured - truth) / truth * 100));
            }
        }
        return points;
    }

    private static void print(String title, List<Point> points) {
        StringBuilder s = new StringBuilder();
        s.append("ATM90E32AS energy accuracy, Ib = 10 A, Un = 230 V, 3 phases: ").append(title).append('\n');
        s.append(String.format("%-18s %-12s %9s%n", "current", "PF", "error %"));
        for (Point p : points) {
            s.append(String.format("%-18s %-12s %+9.4f%n",
                    String.format("%.0f%% Ib (%.1f A)", p.percent(), p.percent() / 10),
                    p.lagDeg() == 0 ? "1.0" : "0.5 lagging", p.errorPercent()));
        }
        System.out.print(s);
    }
}
