package org.openami.hal.driver.bl0942;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openami.hal.metering.CalibrationCoefficients;
import org.openami.hal.metering.EnergyAccumulator;
import org.openami.hal.metering.EnergyDelta;
import org.openami.sim.chip.AnalogErrors;

/** The CF_CNT energy path over the pty: wraps, driver restarts, export, with 4800-baud pacing. */
class Bl0942EnergyCountingTest {

    private static final Duration READ_EVERY = Duration.ofSeconds(10);
    private static final int CF_CNT = 0x07;

    @Test
    void a_counter_wrap_and_a_driver_restart_with_the_restored_state_lose_nothing_at_4800_baud() throws Exception {
        try (Bl0942Bench bench = new Bl0942Bench(AnalogErrors.NONE, 0, Bl0942Bench.UART_BAUD, Bl0942Config.referenceDesign())) {
            bench.frontEnd.initialize(CalibrationCoefficients.identity(1));
            bench.setLoad(230, 10, 0); // 2300 W: 3.4 counts a second
            bench.model.preloadCfCount(0xFFFFFF - 300);
            bench.frontEnd.readEnergy(); // baseline just below the wrap
            long start = bench.model.peek(CF_CNT);

            EnergyDelta total = readFor(bench, Duration.ofMinutes(1));
            EnergyAccumulator.State persisted = bench.frontEnd.energyState();
            bench.frontEnd.close();

            bench.clock.advance(Duration.ofMinutes(1)); // no driver running: the chip counts on (and wraps)
            bench.openFrontEnd();
            bench.frontEnd.restoreEnergyState(persisted);
            bench.frontEnd.initialize(CalibrationCoefficients.identity(1));
            total = total.plus(readFor(bench, Duration.ofMinutes(1)));

            long counts = Math.floorMod(bench.model.peek(CF_CNT) - start, 1L << 24);
            assertThat(bench.model.peek(CF_CNT)).as("the counter wrapped").isLessThan(start);
            assertThat(counts).isGreaterThan(500);
            assertThat((double) total.importActiveMwh()).isCloseTo(counts * bench.model.whPerCount() * 1000, within(1.0));
            assertThat(total.exportActiveMwh()).isZero();
            assertThat(bench.frontEnd.resetsDetected()).isZero();
        }
    }

    @Test
    void export_goes_to_export_active_while_the_algebraic_counter_runs_down_through_zero() throws Exception {
        try (Bl0942Bench bench = Bl0942Bench.ideal()) {
            bench.frontEnd.initialize(CalibrationCoefficients.identity(1));
            bench.setLoad(230, 10, 180); // PV feeding 2300 W to the grid
            bench.model.preloadCfCount(200);
            bench.frontEnd.readEnergy();

            EnergyDelta total = readFor(bench, Duration.ofMinutes(5));

            long cf = bench.model.peek(CF_CNT);
            assertThat(cf).as("counted down through zero").isGreaterThan(0xFFF000L);
            long counts = 200 + (1L << 24) - cf;
            assertThat(total.importActiveMwh()).isZero();
            assertThat((double) total.exportActiveMwh()).isCloseTo(counts * bench.model.whPerCount() * 1000, within(1.0));
            assertThat(total.exportActiveMwh() / 1000.0).isCloseTo(bench.model.groundTruth().exportActiveWh(),
                    within(bench.model.whPerCount() * 2));
        }
    }

    @Test
    void import_and_export_in_turn_each_land_in_their_own_register() throws Exception {
        try (Bl0942Bench bench = Bl0942Bench.ideal()) {
            bench.frontEnd.initialize(CalibrationCoefficients.identity(1));
            bench.frontEnd.readEnergy();
            EnergyDelta total = EnergyDelta.ZERO;
            for (int cycle = 0; cycle < 3; cycle++) {
                bench.setLoad(230, 5, 0);
                total = total.plus(readFor(bench, Duration.ofMinutes(5)));
                bench.setLoad(230, 3, 180);
                total = total.plus(readFor(bench, Duration.ofMinutes(5)));
            }
            // the chip nets the fraction of a count it holds when the direction turns: at most one
            // count per reversal goes missing from each register (the net energy is exact)
            double tolerance = (6 + 1) * bench.model.whPerCount();
            assertThat(total.importActiveMwh() / 1000.0).isCloseTo(bench.model.groundTruth().importActiveWh(), within(tolerance));
            assertThat(total.exportActiveMwh() / 1000.0).isCloseTo(bench.model.groundTruth().exportActiveWh(), within(tolerance));
            double netTruth = bench.model.groundTruth().importActiveWh() - bench.model.groundTruth().exportActiveWh();
            assertThat((total.importActiveMwh() - total.exportActiveMwh()) / 1000.0).isCloseTo(netTruth,
                    within(2 * bench.model.whPerCount()));
        }
    }

    static EnergyDelta readFor(Bl0942Bench bench, Duration span) throws Exception {
        EnergyDelta sum = EnergyDelta.ZERO;
        for (Duration t = Duration.ZERO; t.compareTo(span) < 0; t = t.plus(READ_EVERY)) {
            bench.clock.advance(READ_EVERY);
            sum = sum.plus(bench.frontEnd.readEnergy());
        }
        return sum;
    }
}
