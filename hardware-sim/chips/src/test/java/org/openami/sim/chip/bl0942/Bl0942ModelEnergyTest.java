package org.openami.sim.chip.bl0942;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.openami.sim.chip.bl0942.Bl0942Registers.*;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openami.sim.load.PhaseState;

class Bl0942ModelEnergyTest {

    private final Bl0942Host host = new Bl0942Host(0);

    @Test
    void one_cf_count_is_about_0_187_wh_on_the_reference_board() {
        assertThat(host.model.whPerCount()).isCloseTo(0.18689, offset(0.0001));
    }

    @Test
    void cf_cnt_counts_whole_energy_pulses_of_the_measured_energy() {
        host.load.set(new PhaseState(230, 10, 0, 50));
        host.run(Duration.ofHours(1));
        long counts = host.read(CF_CNT);
        assertThat(counts).isEqualTo((long) (2300 / host.model.whPerCount()));
        assertThat(host.model.groundTruth().importActiveWh()).isCloseTo(2300, offset(1e-6));
    }

    @Test
    void cf_cnt_wraps_at_24_bits() {
        host.load.set(new PhaseState(230, 10, 0, 50));
        host.model.preloadCfCount(0xFFFFF0);
        host.run(Duration.ofSeconds(10));
        long cf = host.read(CF_CNT);
        assertThat(cf).isEqualTo((0xFFFFF0 + (long) (23_000.0 / 3600 / host.model.whPerCount())) & 0xFFFFFF).isLessThan(0x100);
    }

    @Test
    void in_the_default_absolute_mode_export_counts_up_and_status_shows_reverse_power() {
        host.load.set(new PhaseState(230, 10, 180, 50));
        host.run(Duration.ofMinutes(10));
        assertThat(host.read(CF_CNT)).isEqualTo(tenMinutesAt2300W());
        assertThat(host.read(STATUS) & STATUS_CF_REVP).isEqualTo(STATUS_CF_REVP);
        long watt = host.read(WATT);
        assertThat(watt).as("WATT is negative two's complement").isGreaterThan(0x800000L);
    }

    @Test
    void in_algebraic_mode_export_counts_down_through_zero() {
        host.unlockAndWrite(MODE, MODE_DEFAULT & ~MODE_CF_CNT_ABS);
        host.load.set(new PhaseState(230, 10, 180, 50));
        host.run(Duration.ofMinutes(10));
        assertThat(host.read(CF_CNT)).isEqualTo(0x1000000 - tenMinutesAt2300W());
    }

    @Test
    void with_the_read_clear_option_each_read_returns_only_new_counts() {
        host.unlockAndWrite(MODE, MODE_DEFAULT | MODE_CF_CNT_CLR);
        host.load.set(new PhaseState(230, 10, 0, 50));
        host.run(Duration.ofMinutes(10));
        assertThat(host.read(CF_CNT)).isEqualTo(tenMinutesAt2300W());
        assertThat(host.read(CF_CNT)).isZero();
        host.run(Duration.ofMinutes(10));
        assertThat(host.readFrame(0, FULL_PACKET)[13]).as("the packet read clears too").isNotZero();
        assertThat(host.read(CF_CNT)).isZero();
    }

    @Test
    void without_the_read_clear_option_cf_cnt_keeps_counting() {
        host.load.set(new PhaseState(230, 10, 0, 50));
        host.run(Duration.ofMinutes(10));
        long first = host.read(CF_CNT);
        assertThat(host.read(CF_CNT)).isEqualTo(first).isPositive();
    }

    @Test
    void with_cf_disabled_nothing_is_counted() {
        host.unlockAndWrite(MODE, MODE_DEFAULT & ~MODE_CF_EN);
        host.load.set(new PhaseState(230, 10, 0, 50));
        host.run(Duration.ofMinutes(10));
        assertThat(host.read(CF_CNT)).isZero();
    }

    @Test
    void below_the_creep_threshold_watt_reads_zero_status_says_creep_and_nothing_is_counted() {
        host.load.set(new PhaseState(230, 0.0008, 0, 50)); // 0.18 W, under the default 0.215 W
        host.run(Duration.ofHours(10));
        assertThat(host.read(WATT)).isZero();
        assertThat(host.read(STATUS) & STATUS_CREEP).isEqualTo(STATUS_CREEP);
        assertThat(host.read(CF_CNT)).isZero();

        host.unlockAndWrite(WA_CREEP, 0);
        host.run(Duration.ofHours(10));
        assertThat(host.read(WATT)).isPositive();
        assertThat(host.read(CF_CNT)).isEqualTo((long) (0.184 * 10 / host.model.whPerCount()));
    }

    @Test
    void energy_does_not_depend_on_how_often_the_chip_is_read() {
        Bl0942Host often = new Bl0942Host(0);
        host.load.set(new PhaseState(230, 3, 25, 50));
        often.load.set(new PhaseState(230, 3, 25, 50));
        for (int i = 0; i < 600; i++) {
            often.clock.advance(Duration.ofSeconds(1));
            often.read(CF_CNT);
        }
        host.run(Duration.ofMinutes(10));
        assertThat(often.read(CF_CNT)).isEqualTo(host.read(CF_CNT));
    }

    /** Whole counts in 383.3 Wh: 2051 on the reference board. */
    private long tenMinutesAt2300W() {
        return (long) (2300.0 / 6 / host.model.whPerCount());
    }
}
