package org.openami.hal.driver.bl0942;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openami.hal.BusException;
import org.openami.hal.DeviceMismatchException;
import org.openami.hal.IntegrityException;
import org.openami.hal.metering.CalibrationCoefficients;
import org.openami.sim.chip.AnalogErrors;

/** Bus and chip faults over the pty: every failure is bounded, named, and leaves the driver usable. */
class Bl0942FaultTest {

    private static final Duration TIMEOUT = Duration.ofMillis(80);
    private static final Bl0942Config CONFIG = Bl0942Config.referenceDesign().withReplyTimeout(TIMEOUT);
    private static final int MODE = 0x19;

    @Test
    void a_corrupted_reply_is_caught_by_its_checksum_and_retried() throws Exception {
        try (Bl0942Bench bench = started(0)) {
            bench.model.faults().corruptNextReplies(2);

            assertThat(bench.frontEnd.read().phases().get(0).voltageMv()).isCloseTo(230_000, within(20));
            assertThat(bench.model.faults().takeCorruption()).as("both corruptions were used up").isFalse();
        }
    }

    @Test
    void replies_corrupted_on_every_attempt_end_in_an_integrity_exception_after_the_retry_bound() throws Exception {
        try (Bl0942Bench bench = started(0)) {
            bench.model.faults().corruptNextReplies(CONFIG.attempts() + 1);

            assertThatThrownBy(bench.frontEnd::read).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("bl0942@").hasMessageContaining("checksum");
            assertThat(bench.model.faults().takeCorruption()).as("exactly %d attempts were made", CONFIG.attempts()).isTrue();
            assertThat(bench.frontEnd.read().phases().get(0).voltageMv()).isCloseTo(230_000, within(20));
        }
    }

    @Test
    void bytes_corrupted_on_the_wire_are_caught_and_retried() throws Exception {
        try (Bl0942Bench bench = started(0)) {
            bench.wire.corruptNextReplyBytes(1);
            assertThat(bench.frontEnd.read().phases().get(0).currentMa()).isCloseTo(5_000, within(2));
        }
    }

    @Test
    void a_chip_that_stops_answering_gives_a_bus_exception_after_the_timeouts_and_the_next_call_works() throws Exception {
        try (Bl0942Bench bench = started(0)) {
            bench.model.faults().failNextTransfers(CONFIG.attempts());

            long t0 = System.nanoTime();
            assertThatThrownBy(bench.frontEnd::readEnergy).isInstanceOf(BusException.class)
                    .isNotInstanceOf(IntegrityException.class).hasMessageContaining("no reply");
            assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TIMEOUT.toNanos() * CONFIG.attempts());

            bench.clock.advance(Duration.ofSeconds(10));
            assertThat(bench.frontEnd.readEnergy().importActiveMwh()).isBetween(3000L, 3500L);
        }
    }

    @Test
    void garbage_waiting_on_the_line_before_a_request_is_discarded() throws Exception {
        try (Bl0942Bench bench = started(0)) {
            bench.wire.injectNoise(new byte[] {0x55, 0x00, (byte) 0xFF, 0x13, 0x58, 0x19, 0x07, 0x00, 0x00});

            assertThat(bench.frontEnd.read().phases().get(0).activePowerMw()).isCloseTo(1_150_000L, within(300L));
            assertThat(bench.frontEnd.resetsDetected()).isZero();
        }
    }

    @Test
    void a_driver_set_to_another_address_gets_no_answer_and_reports_a_device_mismatch() throws Exception {
        try (Bl0942Bench bench = new Bl0942Bench(AnalogErrors.NONE, 1, 0, CONFIG)) {
            assertThatThrownBy(() -> bench.frontEnd.initialize(CalibrationCoefficients.identity(1)))
                    .isInstanceOf(DeviceMismatchException.class).hasMessageContaining("address 0");
            assertThat(bench.model.peek(MODE)).as("nothing was written to the chip at address 1").isEqualTo(0x87);
        }
    }

    @Test
    void a_driver_set_to_the_chips_strapped_address_talks_to_it() throws Exception {
        try (Bl0942Bench bench = new Bl0942Bench(AnalogErrors.NONE, 3, 0, CONFIG.withAddress(3))) {
            bench.frontEnd.initialize(CalibrationCoefficients.identity(1));
            assertThat(bench.model.peek(MODE)).isEqualTo(0x07);
        }
    }

    @Test
    void a_mode_register_stuck_at_its_default_fails_the_read_back_check() throws Exception {
        try (Bl0942Bench bench = new Bl0942Bench(AnalogErrors.NONE, 0, 0, CONFIG)) {
            bench.model.faults().stick(MODE, 0x87);

            assertThatThrownBy(() -> bench.frontEnd.initialize(CalibrationCoefficients.identity(1)))
                    .isInstanceOf(IntegrityException.class).hasMessageContaining("MODE reads 0x087 after writing 0x007");

            bench.model.faults().release(MODE);
            bench.frontEnd.initialize(CalibrationCoefficients.identity(1));
            assertThat(bench.frontEnd.read().phases().get(0).voltageMv()).isPositive();
        }
    }

    @Test
    void a_mode_register_that_sticks_mid_run_looks_like_a_reset_and_the_false_alarm_books_no_energy_jump()
            throws Exception {
        try (Bl0942Bench bench = started(0)) {
            bench.model.preloadCfCount(6_000_000);
            bench.frontEnd.readEnergy();
            bench.model.faults().stick(MODE, 0x87);

            assertThatThrownBy(bench.frontEnd::readEnergy).isInstanceOf(IntegrityException.class);
            assertThat(bench.frontEnd.resetsDetected()).isEqualTo(1);

            bench.model.faults().release(MODE);
            bench.clock.advance(Duration.ofSeconds(10));
            var delta = bench.frontEnd.readEnergy();
            assertThat(bench.frontEnd.resetsDetected()).isEqualTo(1);
            assertThat(delta.importActiveMwh()).as("10 s at 1150 W, not the counter's 6,000,000 counts").isBetween(3000L, 3500L);
            assertThat(delta.exportActiveMwh()).isZero();
        }
    }

    private static Bl0942Bench started(int address) throws Exception {
        Bl0942Bench bench = new Bl0942Bench(AnalogErrors.NONE, address, 0, CONFIG.withAddress(address));
        bench.frontEnd.initialize(CalibrationCoefficients.identity(1));
        bench.setLoad(230, 5, 0);
        bench.frontEnd.readEnergy();
        return bench;
    }
}
