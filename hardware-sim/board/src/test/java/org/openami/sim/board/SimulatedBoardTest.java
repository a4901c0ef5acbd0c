package org.openami.sim.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openami.hal.metering.CalibrationCoefficients;
import org.openami.hal.metering.CalibrationPlan;
import org.openami.hal.metering.Calibrator;
import org.openami.hal.metering.EnergyDelta;
import org.openami.hal.metering.MeteringFrontEnd;
import org.openami.hal.relay.RelayState;
import org.openami.sim.load.ProfileLoad;
import org.openami.sim.time.ManualClock;

/** Every simulated board, assembled through the real drivers, behaves as a meter board should. */
class SimulatedBoardTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-06-01T03:00:00Z")); // 11:00 at UTC+8

    @ParameterizedTest
    @EnumSource(SimChip.class)
    void calibrated_board_counts_a_pv_household_within_half_a_percent(SimChip chip) throws Exception {
        ProfileLoad household = ProfileLoad.residential(3500, 7).withPv(4000);
        try (SimulatedBoard sim = SimulatedBoard.builder(chip).clock(clock).seed(217).load(household).build()) {
            MeteringFrontEnd fe = sim.board().frontEnd();
            fe.initialize(CalibrationCoefficients.identity(fe.phaseCount()));
            new Calibrator(clock).calibrate(fe, sim.load(), CalibrationPlan.standard(5_000));
            fe.readEnergy();
            sim.load().use(household);
            double exportBefore = sim.chip().groundTruth().exportActiveWh();

            EnergyDelta counted = EnergyDelta.ZERO;
            for (int i = 0; i < 900; i++) { // 30 simulated minutes around noon: PV exports
                clock.advance(Duration.ofSeconds(2));
                counted = counted.plus(fe.readEnergy());
            }
            double trueExportWh = sim.chip().groundTruth().exportActiveWh() - exportBefore;
            assertThat(trueExportWh).isGreaterThan(100);
            assertThat(counted.exportActiveMwh() / 1000.0).isCloseTo(trueExportWh, org.assertj.core.data.Percentage.withPercentage(0.5));
            assertThat(counted.importActiveMwh()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(SimChip.class)
    void tripped_relay_cuts_the_current_the_chip_sees_and_feedback_reports_it(SimChip chip) throws Exception {
        try (SimulatedBoard sim = SimulatedBoard.builder(chip).clock(clock).load(ProfileLoad.commercial(5000, 3)).build()) {
            MeteringFrontEnd fe = sim.board().frontEnd();
            fe.initialize(CalibrationCoefficients.identity(fe.phaseCount()));
            clock.advance(Duration.ofSeconds(2));
            assertThat(fe.read().phases().get(0).currentMa()).isGreaterThan(1_000);

            assertThat(sim.board().relay().switchTo(RelayState.OPEN).followed()).isTrue();
            assertThat(sim.relay().contacts()).isEqualTo(RelayState.OPEN);
            clock.advance(Duration.ofSeconds(2));
            fe.readEnergy();
            clock.advance(Duration.ofSeconds(10));
            assertThat(fe.read().phases().get(0).currentMa()).isLessThan(50);
            assertThat(fe.readEnergy().importActiveMwh()).isLessThan(100);

            assertThat(sim.board().relay().switchTo(RelayState.CLOSED).followed()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(SimChip.class)
    void cover_switch_and_pulse_led_reach_the_hal(SimChip chip) throws Exception {
        try (SimulatedBoard sim = SimulatedBoard.builder(chip).clock(clock).build()) {
            AtomicInteger opened = new AtomicInteger();
            sim.board().tamper().addListener(open -> {
                if (open) {
                    opened.incrementAndGet();
                }
            });
            sim.setCoverOpen(true);
            assertThat(sim.board().tamper().isOpen()).isTrue();
            assertThat(opened.get()).isEqualTo(1);

            sim.board().pulseLed().pulse();
            sim.board().pulseLed().pulse();
            assertThat(sim.ledPulses()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(SimChip.class)
    void chip_reset_on_the_board_is_repaired_by_the_driver(SimChip chip) throws Exception {
        try (SimulatedBoard sim = SimulatedBoard.builder(chip).clock(clock).load(ProfileLoad.commercial(5000, 3)).build()) {
            MeteringFrontEnd fe = sim.board().frontEnd();
            fe.initialize(CalibrationCoefficients.identity(fe.phaseCount()));
            clock.advance(Duration.ofSeconds(1));
            fe.readEnergy();
            sim.chip().powerOnReset();
            clock.advance(Duration.ofSeconds(1));
            fe.read();
            assertThat(fe.resetsDetected()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(5));
            assertThat(fe.read().phases().get(0).voltageMv()).isBetween(200_000, 260_000);
        }
    }
}
