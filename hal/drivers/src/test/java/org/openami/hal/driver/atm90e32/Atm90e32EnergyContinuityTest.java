package org.openami.hal.driver.atm90e32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openami.hal.metering.CalibrationCoefficients;
import org.openami.hal.metering.EnergyAccumulator;
import org.openami.hal.metering.EnergyDelta;
import org.openami.sim.load.ProfileLoad;

/** Energy is neither lost nor double-counted across read-with-clear reads and driver restarts. */
class Atm90e32EnergyContinuityTest {

    /** Chip counts still pending (under one count per phase register) plus the sub-mWh remainder. */
    private static final double TOLERANCE_MWH = 3 * 3.125 + 1;

    @Test
    void no_energy_is_lost_across_read_with_clear_and_a_driver_restart() throws Exception {
        try (Atm90e32Bench b = new Atm90e32Bench()) {
            b.set(7.3, 25);
            Atm90e32FrontEnd first = b.open();
            first.initialize(CalibrationCoefficients.identity(3));
            first.readEnergy();
            double truthStart = b.truthImportMwh();
            double truthVarhStart = b.chip.groundTruth().importReactiveVarh() * 1000;

            EnergyDelta total = b.run(first, 600);
            byte[] persisted = first.energyState().toBytes();
            first.close();

            b.clock.advance(Duration.ofSeconds(7)); // the chip keeps metering while the driver restarts
            Atm90e32FrontEnd second = b.open();
            second.restoreEnergyState(EnergyAccumulator.State.fromBytes(persisted));
            second.initialize(CalibrationCoefficients.identity(3));
            total = total.plus(b.run(second, 600));
            second.close();

            double truth = b.truthImportMwh() - truthStart;
            assertThat((double) total.importActiveMwh()).isCloseTo(truth, within(TOLERANCE_MWH));
            assertThat(total.exportActiveMwh()).isZero();
            double truthVarh = b.chip.groundTruth().importReactiveVarh() * 1000 - truthVarhStart;
            assertThat((double) total.importReactiveMvarh()).isCloseTo(truthVarh, within(TOLERANCE_MWH));
            assertThat(second.resetsDetected()).as("a restart is not a chip reset").isZero();
        }
    }

    @Test
    void a_restart_does_not_soft_reset_a_chip_that_is_metering() throws Exception {
        try (Atm90e32Bench b = new Atm90e32Bench()) {
            Atm90e32FrontEnd first = b.open();
            first.initialize(CalibrationCoefficients.identity(3));
            b.clock.advance(Duration.ofSeconds(2));
            first.close();
            b.clock.advance(Duration.ofSeconds(2));
            long pending = b.chip.peek(Atm90e32Registers.AP_ENERGY_T + 1);
            Atm90e32FrontEnd second = b.open();
            second.initialize(CalibrationCoefficients.identity(3));
            assertThat(b.chip.peek(Atm90e32Registers.AP_ENERGY_T + 1)).isEqualTo(pending).isPositive();
            second.close();
        }
    }

    @Test
    void exported_pv_energy_is_counted_as_export_active() throws Exception {
        // a household at noon (UTC+8) with a PV array far larger than its demand
        ProfileLoad sunnyRoof = ProfileLoad.residential(3000, 7).withPv(8000);
        try (Atm90e32Bench b = new Atm90e32Bench(sunnyRoof)) {
            b.clock.advance(Duration.ofHours(2)); // 04:00 UTC = 12:00 local
            Atm90e32FrontEnd fe = b.open();
            fe.initialize(CalibrationCoefficients.identity(3));
            fe.readEnergy();
            double exportBefore = b.truthExportMwh();
            double importBefore = b.truthImportMwh();
            EnergyDelta d = b.run(fe, 900);
            fe.close();
            double exported = b.truthExportMwh() - exportBefore;
            assertThat(exported).isGreaterThan(3 * 1000.0); // > 1 kWh per phase-hour scale
            assertThat((double) d.exportActiveMwh()).isCloseTo(exported, within(TOLERANCE_MWH));
            assertThat((double) d.importActiveMwh()).isCloseTo(b.truthImportMwh() - importBefore, within(TOLERANCE_MWH));
        }
    }
}
