package org.openami.hal.driver.bl0942;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openami.hal.metering.EnergyQuantity.EXPORT_ACTIVE;
import static org.openami.hal.metering.EnergyQuantity.IMPORT_ACTIVE;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.openami.hal.metering.EnergyAccumulator;
import org.openami.hal.metering.EnergyDelta;
import org.openami.hal.metering.EnergyQuantity;

class CfEnergyLedgerTest {

    private static final long MODULUS = 1L << 24;
    private static final long REFERENCE_PICO_WH = 186_895_000_000L;

    @Property(tries = 300)
    void any_walk_of_the_counter_with_wraps_and_driver_restarts_books_every_count_in_the_right_direction(
            @ForAll @LongRange(min = 0, max = MODULUS - 1) long start,
            @ForAll @Size(min = 1, max = 60) List<@IntRange(min = -40_000, max = 40_000) Integer> steps,
            @ForAll @IntRange(min = 0, max = 7) int restartEvery,
            @ForAll @LongRange(min = 1_000, max = 400_000_000_000L) long picoWhPerCount) {
        EnergyAccumulator acc = new EnergyAccumulator(1);
        CfEnergyLedger ledger = new CfEnergyLedger();
        long raw = start;
        ledger.sample(acc, raw, picoWhPerCount);
        long importCounts = 0;
        long exportCounts = 0;
        int restarts = 0;
        EnergyDelta drained = EnergyDelta.ZERO;
        for (int i = 0; i < steps.size(); i++) {
            int step = steps.get(i);
            raw = Math.floorMod(raw + step, MODULUS);
            if (step > 0) {
                importCounts += step;
            } else {
                exportCounts -= step;
            }
            if (restartEvery > 0 && i % restartEvery == 0) { // a new driver process continues from the persisted state
                EnergyAccumulator.State persisted = EnergyAccumulator.State.fromBytes(acc.state().toBytes());
                acc = new EnergyAccumulator(1);
                acc.restore(persisted);
                ledger = new CfEnergyLedger();
                restarts++;
            }
            ledger.sample(acc, raw, picoWhPerCount);
            drained = drained.plus(acc.drain());
        }
        assertBooked(acc, drained, IMPORT_ACTIVE, importCounts * picoWhPerCount, restarts);
        assertBooked(acc, drained, EXPORT_ACTIVE, exportCounts * picoWhPerCount, restarts);
    }

    private static void assertBooked(EnergyAccumulator acc, EnergyDelta drained, EnergyQuantity q, long expectedPicoWh,
                                     int restarts) {
        long bookedNano = drained.get(q) * 1_000_000 + acc.state().remainderNano(q);
        long expectedNano = expectedPicoWh / 1000;
        // a restart may lose the sub-nWh remainder the ledger held in memory, nothing more
        assertThat(bookedNano).as(q.toString()).isBetween(expectedNano - restarts - 1L, expectedNano);
    }

    @Test
    void the_first_sample_only_sets_the_baseline() {
        EnergyAccumulator acc = new EnergyAccumulator(1);
        assertThat(new CfEnergyLedger().sample(acc, 123_456, REFERENCE_PICO_WH)).isZero();
        assertThat(acc.drain()).isEqualTo(EnergyDelta.ZERO);
    }

    @Test
    void a_reset_chip_counting_again_from_zero_books_only_the_new_counts() {
        EnergyAccumulator acc = new EnergyAccumulator(1);
        CfEnergyLedger ledger = new CfEnergyLedger();
        ledger.sample(acc, 9_000_000, REFERENCE_PICO_WH);
        ledger.chipReset();
        assertThat(ledger.sample(acc, 12, REFERENCE_PICO_WH)).isEqualTo(12);
        assertThat(acc.drain().importActiveMwh()).isEqualTo(12 * REFERENCE_PICO_WH / 1_000_000_000);
        assertThat(ledger.sample(acc, 20, REFERENCE_PICO_WH)).isEqualTo(8);
    }

    @Test
    void a_false_reset_alarm_keeps_counting_from_the_old_position() {
        EnergyAccumulator acc = new EnergyAccumulator(1);
        CfEnergyLedger ledger = new CfEnergyLedger();
        ledger.sample(acc, 9_000_000, REFERENCE_PICO_WH);
        ledger.chipReset();
        assertThat(ledger.sample(acc, 9_000_005, REFERENCE_PICO_WH)).isEqualTo(5);
        assertThat(ledger.sample(acc, 9_000_001, REFERENCE_PICO_WH)).isEqualTo(-4);
        EnergyDelta d = acc.drain();
        assertThat(d.importActiveMwh()).isEqualTo(934);
        assertThat(d.exportActiveMwh()).isEqualTo(747);
    }
}
