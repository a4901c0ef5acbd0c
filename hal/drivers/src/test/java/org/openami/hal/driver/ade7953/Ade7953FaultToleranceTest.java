package org.openami.hal.driver.ade7953;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openami.hal.BusException;
import org.openami.hal.DeviceMismatchException;
import org.openami.hal.IntegrityException;
import org.openami.hal.metering.CalibrationCoefficients;
import org.openami.hal.metering.PhaseCalibration;
import org.openami.hal.metering.PhaseReading;
import org.openami.sim.chip.AnalogErrors;

class Ade7953FaultToleranceTest {

    private final Ade7953Bench bench = new Ade7953Bench(AnalogErrors.NONE);
    private Ade7953FrontEnd fe;

    @BeforeEach
    void start() throws Exception {
        fe = bench.frontEnd();
        fe.initialize(CalibrationCoefficients.identity(1));
        bench.load(10, 0);
    }

    @AfterEach
    void close() {
        fe.close();
        bench.close();
    }

    @Test
    void a_few_bus_errors_are_absorbed_by_the_retries() throws Exception {
        bench.chip.faults().failNextTransfers(2);
        assertReadingIsRight(fe.read().phases().get(0));
    }

    @Test
    void more_bus_errors_than_the_retry_bound_surface_as_bus_exception_and_the_next_call_works() throws Exception {
        bench.chip.faults().failNextTransfers(bench.config.retryAttempts());
        assertThatThrownBy(fe::read).isExactlyInstanceOf(BusException.class).hasMessageContaining("ade7953@spi0.0");
        assertReadingIsRight(fe.read().phases().get(0));

        fe.readEnergy();
        Ade7953Bench.Truth start = Ade7953Bench.Truth.of(bench.chip.groundTruth());
        bench.clock.advance(Duration.ofSeconds(10));
        bench.chip.faults().failNextTransfers(bench.config.retryAttempts());
        assertThatThrownBy(fe::readEnergy).isInstanceOf(BusException.class);
        bench.clock.advance(Duration.ofSeconds(10));
        long measured = fe.readEnergy().importActiveMwh();
        double truth = Ade7953Bench.Truth.of(bench.chip.groundTruth()).minus(start).importMwh();
        assertThat(truth).as("20 s plus the retry pauses").isCloseTo(2300 * 20 / 3.6, within(10.0));
        assertThat((double) measured).as("both intervals, nothing lost").isCloseTo(truth, within(1.0));
    }

    @Test
    void corrupted_replies_are_caught_by_the_verification_registers_and_lose_no_energy() throws Exception {
        AtomicLong frames = new AtomicLong();
        bench.corruptWhen(tx -> (tx[2] & 0x80) != 0 && frames.incrementAndGet() % 7 == 0);
        Ade7953Bench.EnergyRun run = bench.run(fe, Duration.ofMinutes(5), Duration.ofSeconds(1));
        assertThat(Math.abs(run.importErrorPercent())).isLessThan(0.01);
        assertReadingIsRight(fe.read().phases().get(0));
        assertThat(fe.resetsDetected()).as("no false reset from a flipped RESET bit").isZero();
    }

    @Test
    void a_corrupted_energy_register_read_is_recovered_from_the_chip_latch() throws Exception {
        bench.corruptWhen(tx -> tx[0] == 0x02 && tx[1] == 0x1E); // every AENERGYA reply
        Ade7953Bench.EnergyRun run = bench.run(fe, Duration.ofMinutes(2), Duration.ofSeconds(1));
        assertThat(Math.abs(run.importErrorPercent())).isLessThan(0.01);
    }

    @Test
    void a_line_too_noisy_to_verify_surfaces_as_integrity_exception_and_the_driver_recovers() throws Exception {
        bench.corruptWhen(tx -> true);
        assertThatThrownBy(fe::read).isInstanceOf(IntegrityException.class);
        bench.corruptWhen(tx -> false);
        assertReadingIsRight(fe.read().phases().get(0));
    }

    @Test
    void a_register_stuck_at_its_old_value_is_reported_and_the_previous_calibration_stays() throws Exception {
        PhaseCalibration hotter = PhaseCalibration.IDENTITY.withGains(1_000_000, 1_000_000, 1_020_000, 1_000_000);
        bench.chip.faults().stick(0x282, 0x400000);
        assertThatThrownBy(() -> fe.applyCalibration(new CalibrationCoefficients(java.util.List.of(hotter))))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("AWGAIN");
        assertThat(fe.calibration()).isEqualTo(CalibrationCoefficients.identity(1));

        bench.chip.faults().release(0x282);
        fe.applyCalibration(new CalibrationCoefficients(java.util.List.of(hotter)));
        assertThat(bench.chip.peek(0x282)).isEqualTo(Math.round(0x400000 * 1.02));
        assertThat((double) fe.read().phases().get(0).activePowerMw()).isCloseTo(2_346_000, within(1_000.0));
    }

    @Test
    void a_chip_select_with_no_chip_behind_it_is_a_device_mismatch_on_initialize() {
        Ade7953FrontEnd absent = new Ade7953FrontEnd(bench.link(1), bench.config, bench.clock);
        assertThatThrownBy(() -> absent.initialize(CalibrationCoefficients.identity(1)))
                .isInstanceOf(DeviceMismatchException.class).hasMessageContaining("0xFFFF");
        absent.close();
    }

    private static void assertReadingIsRight(PhaseReading r) {
        assertThat((double) r.voltageMv()).isCloseTo(230_000, within(5.0));
        assertThat((double) r.currentMa()).isCloseTo(10_000, within(2.0));
        assertThat((double) r.activePowerMw()).isCloseTo(2_300_000, within(100.0));
        assertThat(r.powerFactorMilli()).isEqualTo(1000);
    }
}
