package org.openami.hal.driver.ade7953;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openami.hal.metering.CalibrationCoefficients;
import org.openami.hal.metering.EnergyAccumulator;
import org.openami.hal.metering.EnergyDelta;
import org.openami.sim.chip.AnalogErrors;

/** Energy is neither lost nor double counted: across driver restarts, slow reads, and in every direction. */
class Ade7953EnergyContinuityTest {

    private static final CalibrationCoefficients IDENTITY = CalibrationCoefficients.identity(1);
    /** Ideal front end, so the only differences left are count quantisation and scale rounding (about 10 ppm). */
    private final Ade7953Bench bench = new Ade7953Bench(AnalogErrors.NONE);

    @AfterEach
    void close() {
        bench.close();
    }

    @Test
    void a_driver_restarted_with_its_persisted_state_continues_without_losing_energy() throws Exception {
        Ade7953FrontEnd first = bench.frontEnd();
        first.initialize(IDENTITY);
        bench.load(40, 36.87);
        first.readEnergy();
        Ade7953Bench.Truth start = Ade7953Bench.Truth.of(bench.chip.groundTruth());

        EnergyDelta total = EnergyDelta.ZERO;
        for (int s = 0; s < 120; s++) {
            bench.clock.advance(Duration.ofSeconds(1));
            total = total.plus(first.readEnergy());
        }
        byte[] persisted = first.energyState().toBytes();
        first.close();
        bench.forgetHandle(1);

        bench.clock.advance(Duration.ofSeconds(20)); // the meter application restarts; the chip keeps counting
        Ade7953FrontEnd second = bench.frontEnd();
        second.restoreEnergyState(EnergyAccumulator.State.fromBytes(persisted));
        second.initialize(IDENTITY);
        for (int s = 0; s < 120; s++) {
            bench.clock.advance(Duration.ofSeconds(1));
            total = total.plus(second.readEnergy());
        }
        Ade7953Bench.Truth truth = Ade7953Bench.Truth.of(bench.chip.groundTruth()).minus(start);

        assertThat(truth.importMwh()).isCloseTo(230 * 40 * 0.8 * 260 / 3.6, within(1.0));
        assertThat((double) total.importActiveMwh()).isCloseTo(truth.importMwh(), within(truth.importMwh() * 1e-4 + 1));
        assertThat((double) total.importReactiveMvarh()).isCloseTo(truth.importMvarh(), within(truth.importMvarh() * 1e-4 + 1));
        assertThat(second.resetsDetected()).isZero();
        second.close();
    }

    @Test
    void reads_every_30_seconds_at_120_percent_of_imax_lose_nothing_to_the_24_bit_registers() throws Exception {
        try (Ade7953FrontEnd fe = bench.frontEnd()) {
            fe.initialize(IDENTITY);
            bench.load(72, 0);
            Ade7953Bench.EnergyRun run = bench.run(fe, Duration.ofMinutes(10), Duration.ofSeconds(30));
            assertThat(Math.abs(run.importErrorPercent())).isLessThan(0.01);
        }
    }

    @Test
    void export_is_counted_as_export_active_and_a_leading_current_as_export_reactive() throws Exception {
        try (Ade7953FrontEnd fe = bench.frontEnd()) {
            fe.initialize(IDENTITY);
            bench.load(20, 180);
            Ade7953Bench.EnergyRun export = bench.run(fe, Duration.ofMinutes(5), Duration.ofSeconds(1));
            assertThat(export.measured().importActiveMwh()).isZero();
            assertThat((double) export.measured().exportActiveMwh())
                    .isCloseTo(export.truth().exportMwh(), within(export.truth().exportMwh() * 1e-4 + 1));
            assertThat(fe.read().phases().get(0).activePowerMw()).isCloseTo(-4_600_000L, org.assertj.core.data.Offset.offset(1_000L));

            bench.load(20, -60);
            Ade7953Bench.EnergyRun leading = bench.run(fe, Duration.ofMinutes(5), Duration.ofSeconds(1));
            assertThat(leading.measured().importReactiveMvarh()).isZero();
            assertThat((double) leading.measured().exportReactiveMvarh())
                    .isCloseTo(leading.truth().exportMvarh(), within(leading.truth().exportMvarh() * 1e-4 + 1));
            assertThat((double) leading.measured().importActiveMwh())
                    .isCloseTo(leading.truth().importMwh(), within(leading.truth().importMwh() * 1e-4 + 1));
        }
    }
}
