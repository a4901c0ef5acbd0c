package org.openami.hal.driver.atm90e32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.openami.hal.driver.atm90e32.Atm90e32Registers.*;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openami.hal.metering.EnergyDelta;
import org.openami.hal.metering.FrontEndReading;
import org.openami.hal.metering.PhaseReading;
import org.openami.sim.chip.AnalogErrors;

/** A chip that resets under a running driver is noticed and set up again with its calibration. */
class Atm90e32ResetRecoveryTest {

    @Test
    void a_chip_reset_mid_run_is_detected_and_repaired_with_the_calibration() throws Exception {
        try (Atm90e32Bench b = new Atm90e32Bench(AnalogErrors.typical(5), AnalogErrors.typical(6), AnalogErrors.typical(7));
             Atm90e32FrontEnd fe = b.open()) {
            fe.initialize(org.openami.hal.metering.CalibrationCoefficients.identity(3));
            b.calibrate(fe);
            b.set(10, 30);
            long[] calibrated = gainRegisters(b);
            assertThat(calibrated).doesNotContain(0x8000L);

            fe.readEnergy();
            double truthStart = b.truthImportMwh();
            EnergyDelta before = b.run(fe, 300);

            b.chip.powerOnReset();
            assertThat(b.chip.peek(METER_EN)).isZero();
            EnergyDelta after = b.run(fe, 300);

            assertThat(fe.resetsDetected()).isEqualTo(1);
            assertThat(gainRegisters(b)).as("calibration written back").containsExactly(calibrated);
            assertThat(b.chip.peek(METER_EN)).isEqualTo(1);
            assertThat(b.chip.peek(CFG_REG_ACC_EN)).as("configuration locked again").isZero();

            FrontEndReading r = fe.read();
            for (PhaseReading p : r.phases()) {
                assertThat((double) p.voltageMv()).isCloseTo(230_000, within(230.0));
                assertThat((double) p.currentMa()).isCloseTo(10_000, within(20.0));
                assertThat((double) p.activePowerMw()).isCloseTo(2_300_000 * Math.cos(Math.toRadians(30)), within(4_000.0));
            }
            assertThat(r.frequencyMilliHz()).isEqualTo(50_000);

            // at most the second between the reset and the driver's next read is lost in the chip
            double truth = b.truthImportMwh() - truthStart;
            double oneSecond = 3 * 2300 * Math.cos(Math.toRadians(30)) / 3.6;
            long measured = before.plus(after).importActiveMwh();
            assertThat((double) measured).isBetween(truth - oneSecond - truth * 0.001, truth + truth * 0.001);
        }
    }

    private static long[] gainRegisters(Atm90e32Bench b) {
        long[] out = new long[12];
        for (int p = 0; p < 3; p++) {
            out[4 * p] = b.chip.peek(stride4(UGAIN_A, p));
            out[4 * p + 1] = b.chip.peek(stride4(IGAIN_A, p));
            out[4 * p + 2] = b.chip.peek(stride2(PQ_GAIN_A, p));
            out[4 * p + 3] = b.chip.peek(stride2(PHI_A, p));
        }
        return out;
    }
}
