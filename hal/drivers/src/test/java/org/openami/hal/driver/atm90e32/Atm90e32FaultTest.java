package org.openami.hal.driver.atm90e32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.openami.hal.driver.atm90e32.Atm90e32Registers.*;

import org.junit.jupiter.api.Test;
import org.openami.hal.BusException;
import org.openami.hal.DeviceMismatchException;
import org.openami.hal.IntegrityException;
import org.openami.hal.metering.CalibrationCoefficients;
import org.openami.hal.metering.EnergyDelta;
import org.openami.hal.metering.FrontEndReading;
import org.openami.hal.metering.PhaseCalibration;

/** Bus errors, corrupted replies, stuck registers and a missing chip, all through Pi4J. */
class Atm90e32FaultTest {

    private static final double TOLERANCE_MWH = 3 * 3.125 + 1;

    private static Atm90e32FrontEnd running(Atm90e32Bench b) throws Exception {
        b.set(8, 20);
        Atm90e32FrontEnd fe = b.open();
        fe.initialize(CalibrationCoefficients.identity(3));
        fe.readEnergy();
        return fe;
    }

    @Test
    void a_few_bus_errors_are_absorbed_by_the_retries() throws Exception {
        try (Atm90e32Bench b = new Atm90e32Bench(); Atm90e32FrontEnd fe = running(b)) {
            double start = b.truthImportMwh();
            EnergyDelta total = EnergyDelta.ZERO;
            for (int i = 0; i < 60; i++) {
                b.chip.faults().failNextTransfers(i % 3); // 0, 1 or 2 failures: fewer than the 3 attempts
                b.clock.advance(java.time.Duration.ofSeconds(1));
                total = total.plus(fe.readEnergy());
            }
            double truth = b.truthImportMwh() - start; // before the retry pauses below move the clock
            b.chip.faults().failNextTransfers(2);
            assertThat(fe.read().phases()).hasSize(3);
            assertThat((double) total.importActiveMwh()).isCloseTo(truth, within(TOLERANCE_MWH));
        }
    }

    @Test
    void more_bus_errors_than_the_bound_raise_a_bus_exception_and_the_next_call_works() throws Exception {
        try (Atm90e32Bench b = new Atm90e32Bench(); Atm90e32FrontEnd fe = running(b)) {
            double start = b.truthImportMwh();
            EnergyDelta total = b.run(fe, 30);
            b.chip.faults().failNextTransfers(Atm90e32Bench.CONFIG.retryAttempts());
            b.clock.advance(java.time.Duration.ofSeconds(1));
            assertThatThrownBy(fe::readEnergy).isExactlyInstanceOf(BusException.class)
                    .hasMessageContaining("atm90e32@spi0.1");
            total = total.plus(b.run(fe, 30));
            assertThat((double) total.importActiveMwh()).as("the chip kept what the failed call did not read")
                    .isCloseTo(b.truthImportMwh() - start, within(TOLERANCE_MWH));
        }
    }

    @Test
    void a_corrupted_energy_reply_is_recovered_from_last_spi_data_without_losing_counts() throws Exception {
        try (Atm90e32Bench b = new Atm90e32Bench(); Atm90e32FrontEnd fe = running(b)) {
            double start = b.truthImportMwh();
            EnergyDelta total = EnergyDelta.ZERO;
            for (int i = 0; i < 120; i++) {
                if (i % 4 == 0) {
                    b.flipRepliesTo(AP_ENERGY_T + 1 + i % 3, 1);
                }
                total = total.plus(b.run(fe, 1));
            }
            assertThat((double) total.importActiveMwh()).isCloseTo(b.truthImportMwh() - start, within(TOLERANCE_MWH));
        }
    }

    @Test
    void corrupted_replies_do_not_reach_the_readings() throws Exception {
        try (Atm90e32Bench b = new Atm90e32Bench(); Atm90e32FrontEnd fe = running(b)) {
            FrontEndReading clean = fe.read();
            for (int n = 1; n <= 6; n++) {
                b.chip.faults().corruptNextReplies(n);
                assertThat(fe.read()).isEqualTo(clean);
            }
        }
    }

    @Test
    void replies_that_stay_corrupt_raise_an_integrity_exception_and_the_next_call_works() throws Exception {
        try (Atm90e32Bench b = new Atm90e32Bench(); Atm90e32FrontEnd fe = running(b)) {
            FrontEndReading clean = fe.read();
            // three attempts of (reply, LastSPIData, LastSPIData), all disagreeing
            b.chip.faults().corruptNextReplies(3 * Atm90e32Bench.CONFIG.retryAttempts());
            assertThatThrownBy(fe::read).isInstanceOf(IntegrityException.class);
            assertThat(fe.read()).isEqualTo(clean);
        }
    }

    @Test
    void a_corrupted_write_echo_is_retried_and_the_calibration_lands() throws Exception {
        try (Atm90e32Bench b = new Atm90e32Bench(); Atm90e32FrontEnd fe = running(b)) {
            PhaseCalibration pc = PhaseCalibration.IDENTITY.withGains(1_020_000, 980_000, 1_000_000, 1_000_000);
            b.chip.faults().corruptNextReplies(1);
            fe.applyCalibration(CalibrationCoefficients.identity(3).with(1, pc));
            assertThat(b.chip.peek(stride4(UGAIN_A, 1))).isEqualTo(40_800);
            assertThat(b.chip.peek(stride4(IGAIN_A, 1))).isEqualTo(29_400);
        }
    }

    @Test
    void a_stuck_energy_register_is_rejected_not_counted_and_its_energy_arrives_after_release() throws Exception {
        try (Atm90e32Bench b = new Atm90e32Bench(); Atm90e32FrontEnd fe = running(b)) {
            double start = b.truthImportMwh();
            EnergyDelta total = b.run(fe, 20);
            b.chip.faults().stick(AP_ENERGY_T + 1, 0xFFFF);
            for (int i = 0; i < 5; i++) {
                b.clock.advance(java.time.Duration.ofSeconds(1));
                assertThatThrownBy(fe::readEnergy).isInstanceOf(IntegrityException.class)
                        .hasMessageContaining("0x081");
            }
            b.chip.faults().release(AP_ENERGY_T + 1);
            total = total.plus(b.run(fe, 20));
            assertThat((double) total.importActiveMwh()).isCloseTo(b.truthImportMwh() - start, within(TOLERANCE_MWH));
        }
    }

    @Test
    void a_meter_enable_that_does_not_hold_fails_the_repair_which_succeeds_once_released() throws Exception {
        try (Atm90e32Bench b = new Atm90e32Bench(); Atm90e32FrontEnd fe = running(b)) {
            PhaseCalibration pc = PhaseCalibration.IDENTITY.withGains(1_010_000, 1_000_000, 1_010_000, 1_010_000);
            fe.applyCalibration(CalibrationCoefficients.identity(3).with(0, pc));
            b.chip.faults().stick(METER_EN, 0);
            assertThatThrownBy(fe::read).isInstanceOf(IntegrityException.class).hasMessageContaining("0x000");
            b.chip.faults().release(METER_EN);
            FrontEndReading r = fe.read();
            assertThat(b.chip.peek(UGAIN_A)).as("calibration back after the soft resets").isEqualTo(40_400);
            assertThat(r.phases().get(0).voltageMv()).isCloseTo(232_300, within(2));
            assertThat(fe.resetsDetected()).isPositive();
        }
    }

    @Test
    void an_absent_chip_reading_all_ones_is_a_device_mismatch() {
        try (Atm90e32Bench b = new Atm90e32Bench(); Atm90e32FrontEnd fe = b.open(2)) {
            assertThatThrownBy(() -> fe.initialize(CalibrationCoefficients.identity(3)))
                    .isInstanceOf(DeviceMismatchException.class).hasMessageContaining("0xFFFF");
        }
    }
}
