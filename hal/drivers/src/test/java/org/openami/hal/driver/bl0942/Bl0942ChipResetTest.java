package org.openami.hal.driver.bl0942;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openami.hal.metering.CalibrationCoefficients;
import org.openami.hal.metering.EnergyDelta;

class Bl0942ChipResetTest {

    private static final Duration READ_EVERY = Duration.ofSeconds(10);

    @Test
    void a_chip_reset_mid_run_is_detected_the_chip_reconfigured_and_counting_continues_from_zero_without_a_jump()
            throws Exception {
        try (Bl0942Bench bench = Bl0942Bench.ideal()) {
            bench.frontEnd.initialize(CalibrationCoefficients.identity(1));
            bench.setLoad(230, 10, 0);
            bench.model.preloadCfCount(5_000_000); // far from zero, so a bogus restart would show as a jump
            bench.frontEnd.readEnergy();
            double wh = bench.model.whPerCount();
            double maxPerRead = 2300.0 * READ_EVERY.toSeconds() / 3600 + wh; // one read's energy plus one count

            long before = 0;
            for (int i = 0; i < 12; i++) {
                bench.clock.advance(READ_EVERY);
                EnergyDelta d = bench.frontEnd.readEnergy();
                assertThat(d.importActiveMwh() / 1000.0).isLessThanOrEqualTo(maxPerRead);
                before += d.importActiveMwh();
            }
            bench.clock.advance(Duration.ofSeconds(5)); // the supply dips between two reads
            bench.model.powerOnReset();
            double truthAtReset = bench.model.groundTruth().importActiveWh();
            double lostInChip = 2300.0 * 5 / 3600; // counted by the chip, never read: the HAL contract accepts it
            assertThat(bench.model.peek(0x19)).isEqualTo(0x87);

            long after = 0;
            for (int i = 0; i < 12; i++) {
                bench.clock.advance(READ_EVERY);
                EnergyDelta d = bench.frontEnd.readEnergy();
                assertThat(d.importActiveMwh() / 1000.0).as("read %d after the reset", i).isLessThanOrEqualTo(maxPerRead);
                assertThat(d.exportActiveMwh()).isZero();
                after += d.importActiveMwh();
            }

            assertThat(bench.frontEnd.resetsDetected()).isEqualTo(1);
            assertThat(bench.model.peek(0x19)).as("MODE re-configured").isEqualTo(0x07);
            assertThat(bench.model.peek(0x07)).as("CF_CNT restarted from zero").isLessThan(1000);
            double truthAfter = bench.model.groundTruth().importActiveWh() - truthAtReset;
            assertThat(after / 1000.0).isCloseTo(truthAfter, within(2 * wh));
            assertThat(before / 1000.0).as("before the reset").isCloseTo(truthAtReset - lostInChip, within(2 * wh));
        }
    }
}
