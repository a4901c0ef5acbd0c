package org.openami.hal.driver.bl0942;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.openami.hal.metering.CalibrationCoefficients;
import org.openami.hal.metering.FrontEndReading;
import org.openami.hal.metering.PhaseReading;
import org.openami.sim.chip.AnalogErrors;

class Bl0942ReadingTest {

    @Test
    void a_reading_over_the_pty_gives_voltage_current_power_and_frequency_in_hal_units() throws Exception {
        try (Bl0942Bench bench = Bl0942Bench.ideal()) {
            bench.frontEnd.initialize(CalibrationCoefficients.identity(1));
            bench.setLoad(230, 5, 60);

            FrontEndReading r = bench.frontEnd.read();

            PhaseReading a = r.phases().get(0);
            assertThat(bench.frontEnd.phaseCount()).isEqualTo(1);
            assertThat(a.voltageMv()).isCloseTo(230_000, within(20));
            assertThat(a.currentMa()).isCloseTo(5_000, within(2));
            assertThat(a.activePowerMw()).isCloseTo(575_000L, within(200L));
            assertThat(a.apparentPowerMva()).isCloseTo(1_150_000L, within(600L));
            assertThat(a.powerFactorMilli()).isEqualTo(500);
            assertThat(a.reactivePowerMvar()).as("the BL0942 measures no reactive power").isZero();
            assertThat(r.frequencyMilliHz()).isEqualTo(50_000);
        }
    }

    @Test
    void export_reads_as_negative_power_and_a_negative_power_factor() throws Exception {
        try (Bl0942Bench bench = Bl0942Bench.ideal()) {
            bench.frontEnd.initialize(CalibrationCoefficients.identity(1));
            bench.setLoad(230, 8, 180);

            PhaseReading a = bench.frontEnd.read().phases().get(0);

            assertThat(a.activePowerMw()).isCloseTo(-1_840_000L, within(400L));
            assertThat(a.powerFactorMilli()).isEqualTo(-1000);
        }
    }

    @Test
    void the_non_active_power_option_reports_sqrt_of_s_squared_minus_p_squared() throws Exception {
        Bl0942Config config = Bl0942Config.referenceDesign().withReactivePower(Bl0942Config.ReactivePower.NON_ACTIVE_POWER);
        try (Bl0942Bench bench = new Bl0942Bench(AnalogErrors.NONE, 0, 0, config)) {
            bench.frontEnd.initialize(CalibrationCoefficients.identity(1));
            bench.setLoad(230, 5, 60);

            assertThat(bench.frontEnd.read().phases().get(0).reactivePowerMvar()).isCloseTo(995_929L, within(600L));
        }
    }

    @Test
    void initialisation_puts_the_chip_in_algebraic_mode_and_locks_its_registers_again() throws Exception {
        try (Bl0942Bench bench = Bl0942Bench.ideal()) {
            bench.frontEnd.initialize(CalibrationCoefficients.identity(1));

            assertThat(bench.model.peek(0x19)).isEqualTo(0x07);
            assertThat(bench.model.peek(0x1D)).as("USR_WRPROT locked").isZero();
        }
    }
}
