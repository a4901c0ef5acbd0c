package org.openami.hal.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class EnergyAccumulatorTest {

    @Test
    void counter_wrap_loses_nothing() {
        var acc = new EnergyAccumulator(1_000_000); // 1 count = 1 mWh
        acc.addCounterSample(EnergyQuantity.IMPORT_ACTIVE, 0xFFFFF0, 24);
        acc.addCounterSample(EnergyQuantity.IMPORT_ACTIVE, 0x000010, 24);
        assertThat(acc.drain().importActiveMwh()).isEqualTo(0x20);
    }

    @Test
    void first_sample_only_sets_the_baseline() {
        var acc = new EnergyAccumulator(1_000_000);
        acc.addCounterSample(EnergyQuantity.EXPORT_ACTIVE, 5000, 24);
        assertThat(acc.drain().isZero()).isTrue();
    }

    @Test
    void remainder_below_one_milli_unit_is_kept_until_it_adds_up() {
        var acc = new EnergyAccumulator(300_000); // 0.3 mWh per count
        acc.addCounts(EnergyQuantity.IMPORT_REACTIVE, 3);
        assertThat(acc.drain().importReactiveMvarh()).isZero();
        acc.addCounts(EnergyQuantity.IMPORT_REACTIVE, 1);
        assertThat(acc.drain().importReactiveMvarh()).isEqualTo(1);
        assertThat(acc.state().remainderNano(EnergyQuantity.IMPORT_REACTIVE)).isEqualTo(200_000);
    }

    @Test
    void restored_state_continues_from_the_last_raw_value() {
        var before = new EnergyAccumulator(1_000_000);
        before.addCounterSample(EnergyQuantity.IMPORT_ACTIVE, 100, 24);
        before.addCounterSample(EnergyQuantity.IMPORT_ACTIVE, 150, 24);
        assertThat(before.drain().importActiveMwh()).isEqualTo(50);
        byte[] saved = before.state().toBytes();

        var after = new EnergyAccumulator(1_000_000);
        after.restore(EnergyAccumulator.State.fromBytes(saved));
        assertThat(after.state().lastRaw(EnergyQuantity.IMPORT_ACTIVE)).hasValue(150);
        assertThat(after.state().lastRaw(EnergyQuantity.EXPORT_ACTIVE)).isEmpty();
        after.addCounterSample(EnergyQuantity.IMPORT_ACTIVE, 170, 24);
        assertThat(after.drain().importActiveMwh()).isEqualTo(20);
    }

    @Test
    void corrupt_state_bytes_are_refused() {
        byte[] bytes = new EnergyAccumulator(1).state().toBytes();
        bytes[9] = 7; // rawKnown flag of the first counter
        assertThatThrownBy(() -> EnergyAccumulator.State.fromBytes(bytes)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EnergyAccumulator.State.fromBytes(new byte[3])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signed_counts_go_to_import_or_export() {
        var acc = new EnergyAccumulator(1_000_000);
        acc.addSignedCounts(7, EnergyQuantity.IMPORT_ACTIVE, EnergyQuantity.EXPORT_ACTIVE);
        acc.addSignedCounts(-3, EnergyQuantity.IMPORT_ACTIVE, EnergyQuantity.EXPORT_ACTIVE);
        assertThat(acc.drain()).isEqualTo(new EnergyDelta(7, 3, 0, 0));
    }

    @Property
    void drained_energy_equals_counts_times_factor_across_any_wraps(
            @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 0xFFFF) Integer> steps,
            @ForAll @IntRange(min = 1, max = 5_000_000) int nanoPerCount,
            @ForAll @IntRange(min = 0, max = 0xFFFF) int start) {
        var acc = new EnergyAccumulator(nanoPerCount);
        long raw = start;
        acc.addCounterSample(EnergyQuantity.IMPORT_ACTIVE, raw, 16);
        long totalCounts = 0;
        long drained = 0;
        for (int step : steps) {
            raw = (raw + step) & 0xFFFF;
            totalCounts += step;
            acc.addCounterSample(EnergyQuantity.IMPORT_ACTIVE, raw, 16);
            drained += acc.drain().importActiveMwh();
        }
        long totalNano = totalCounts * nanoPerCount;
        assertThat(drained).isEqualTo(totalNano / 1_000_000);
        assertThat(acc.state().remainderNano(EnergyQuantity.IMPORT_ACTIVE)).isEqualTo(totalNano % 1_000_000);
    }
}
