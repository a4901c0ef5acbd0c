package org.openami.hal.driver.ade7953;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openami.hal.metering.CalibrationCoefficients;
import org.openami.hal.metering.CalibrationPlan;
import org.openami.hal.metering.Calibrator;
import org.openami.hal.metering.EnergyDelta;
import org.openami.hal.metering.PhaseReading;
import org.openami.sim.chip.AnalogErrors;

class Ade7953ResetRecoveryTest {

    private static final int[] CALIBRATION_REGISTERS = {0x280, 0x281, 0x282, 0x283, 0x284, 0x108, 0x289};

    @Test
    void a_chip_reset_mid_run_is_detected_and_repaired_with_the_kept_calibration() throws Exception {
        try (Ade7953Bench bench = new Ade7953Bench(AnalogErrors.typical(11)); Ade7953FrontEnd fe = bench.frontEnd()) {
            fe.initialize(CalibrationCoefficients.identity(1));
            new Calibrator(bench.clock).calibrate(fe, bench.load, CalibrationPlan.standard(Ade7953Bench.IB_MA));
            Map<Integer, Long> calibrated = snapshot(bench);
            assertThat(calibrated.get(0x280)).as("calibration is in the chip").isNotEqualTo(0x400000L);

            bench.load(20, 60);
            fe.readEnergy();
            Ade7953Bench.Truth start = Ade7953Bench.Truth.of(bench.chip.groundTruth());
            EnergyDelta total = EnergyDelta.ZERO;
            for (int s = 1; s <= 600; s++) {
                bench.clock.advance(Duration.ofSeconds(1));
                total = total.plus(fe.readEnergy());
                if (s == 300) {
                    bench.chip.powerOnReset(); // right after a read: the chip held no uncounted energy
                }
            }
            assertThat(fe.resetsDetected()).isEqualTo(1);
            assertThat(snapshot(bench)).isEqualTo(calibrated);
            assertThat(bench.chip.peek(0x102)).as("CONFIG locked again").isEqualTo(0x0004);
            assertThat(bench.chip.peek(0x120)).isEqualTo(0x30);
            assertThat(bench.chip.peek(0x008)).as("PGA_IA x16").isEqualTo(4);
            assertThat(bench.chip.peek(0x22D) & (1 << 20)).as("RESET acknowledged").isZero();

            PhaseReading r = fe.read().phases().get(0);
            assertThat((double) r.activePowerMw()).isCloseTo(2_300_000, within(2_300_000 * 0.005));
            assertThat((double) r.currentMa()).isCloseTo(20_000, within(20_000 * 0.005));
            assertThat((double) r.voltageMv()).isCloseTo(230_000, within(230_000 * 0.005));

            double truth = Ade7953Bench.Truth.of(bench.chip.groundTruth()).minus(start).importMwh();
            double oneSecond = 2300.0 / 3.6;
            // the second the chip counted unconfigured (PGA x1, default gains) is discarded by design
            assertThat(truth - total.importActiveMwh()).as("only the second after the reset is missing")
                    .isCloseTo(oneSecond, within(truth * 0.0005));
        }
    }

    private static Map<Integer, Long> snapshot(Ade7953Bench bench) {
        Map<Integer, Long> m = new LinkedHashMap<>();
        for (int a : CALIBRATION_REGISTERS) {
            m.put(a, bench.chip.peek(a));
        }
        return m;
    }
}
