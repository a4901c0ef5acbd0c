package org.openami.sim.chip.ade7953;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.openami.sim.chip.AnalogErrors;
import org.openami.sim.load.ConstantLoad;
import org.openami.sim.load.PhaseState;
import org.openami.sim.time.ManualClock;

class Ade7953MetrologyTest {

    private static final double V_LSB = 1001 * 0.5 / Math.sqrt(2) / 9_032_007;          // V per VRMS LSB at PGA 1
    private static final double I_LSB = 0.5 / Math.sqrt(2) / (16 * 0.00025 * 9_032_007); // A per IRMS LSB at PGA 16
    private static final double P_LSB = V_LSB * I_LSB * 9_032_007.0 * 9_032_007.0 / 4_862_401;
    private static final double WH_PER_COUNT = P_LSB * 4_862_401 / 206_900 / 3600;

    private final ManualClock clock = new ManualClock(Instant.parse("2024-03-01T00:00:00Z"));
    private final ConstantLoad load = new ConstantLoad(new PhaseState(230, 10, 0, 50));
    private final Ade7953Model chip = new Ade7953Model(clock, load, AnalogErrors.NONE, new Ade7953Board(1001, 0.00025));

    @Test
    void rms_power_and_frequency_registers_follow_the_board_scaling_and_the_pga() {
        Spi.write(chip, 0x008, 0x4); // PGA_IA x16
        assertThat(Spi.read(chip, 0x21C) * V_LSB).isCloseTo(230, within(0.001));
        assertThat(Spi.read(chip, 0x21A) * I_LSB).isCloseTo(10, within(0.0001));
        assertThat(Ade7953Registers.signExtend24(Spi.read(chip, 0x212)) * P_LSB).isCloseTo(2300, within(0.01));
        assertThat(Spi.read(chip, 0x10A)).as("PF 1.0").isEqualTo(0x7FFF);
        assertThat(223_750.0 / (Spi.read(chip, 0x10E) + 1)).isCloseTo(50, within(0.02));

        Spi.write(chip, 0x008, 0x0);
        assertThat(Spi.read(chip, 0x21A) * I_LSB).as("PGA x1 reads 16 times less").isCloseTo(10 / 16.0, within(0.0001));
    }

    @Test
    void a_lagging_load_gives_positive_reactive_power_and_the_power_factor_of_the_angle() {
        Spi.write(chip, 0x008, 0x4);
        load.set(new PhaseState(230, 10, 60, 50));
        assertThat(Ade7953Registers.signExtend24(Spi.read(chip, 0x214)) * P_LSB).isCloseTo(1991.86, within(0.02));
        assertThat((short) Spi.read(chip, 0x10A) / 32768.0).isCloseTo(0.5, within(0.0001));
        load.set(new PhaseState(230, 10, 180, 50));
        assertThat((short) Spi.read(chip, 0x10A) / 32768.0).isCloseTo(-1, within(0.0001));
    }

    @Test
    void energy_counts_match_the_energy_that_flowed() {
        Spi.write(chip, 0x008, 0x4);
        Spi.read(chip, 0x21E);
        double truthBefore = chip.groundTruth().importActiveWh();
        long counts = 0;
        for (int s = 0; s < 600; s++) {
            clock.advance(Duration.ofSeconds(1));
            counts += Ade7953Registers.signExtend24(Spi.read(chip, 0x21E));
        }
        double truth = chip.groundTruth().importActiveWh() - truthBefore;
        assertThat(truth).isCloseTo(2300.0 / 6, within(1e-6));
        assertThat(counts * WH_PER_COUNT).isCloseTo(truth, within(2 * WH_PER_COUNT));
    }

    @Test
    void export_counts_down_and_an_unread_register_rolls_over_with_its_overflow_flag() {
        Spi.write(chip, 0x008, 0x4);
        Spi.read(chip, 0x22E);
        load.set(new PhaseState(230, 60, 180, 50));
        Spi.read(chip, 0x21E);
        clock.advance(Duration.ofSeconds(10));
        long tenSeconds = Ade7953Registers.signExtend24(Spi.read(chip, 0x21E));
        assertThat(tenSeconds).isNegative();

        clock.advance(Duration.ofSeconds(120));
        long afterWrap = Ade7953Registers.signExtend24(Spi.read(chip, 0x21E));
        long expected = 12 * tenSeconds;
        assertThat(afterWrap).isCloseTo(expected + (1 << 24), Percentage.withPercentage(0.1));
        assertThat(Spi.read(chip, 0x22D) & (1 << 3)).as("AEOFA").isNotZero();
    }

    @Test
    void gains_scale_the_readings_and_power_takes_voltage_current_and_watt_gain_together() {
        Spi.write(chip, 0x008, 0x4);
        Spi.write(chip, 0x281, 0x440000); // AVGAIN 1.0625
        Spi.write(chip, 0x280, 0x3C0000); // AIGAIN 0.9375
        Spi.write(chip, 0x282, 0x480000); // AWGAIN 1.125
        assertThat(Spi.read(chip, 0x21C) * V_LSB).isCloseTo(230 * 1.0625, within(0.001));
        assertThat(Spi.read(chip, 0x21A) * I_LSB).isCloseTo(10 * 0.9375, within(0.0001));
        assertThat(Ade7953Registers.signExtend24(Spi.read(chip, 0x212)) * P_LSB)
                .isCloseTo(2300 * 1.0625 * 0.9375 * 1.125, within(0.02));
    }

    @Test
    void phcala_is_sign_magnitude_and_a_positive_value_cancels_a_current_lag() {
        Spi.write(chip, 0x008, 0x4);
        Ade7953Model laggingCt = new Ade7953Model(clock, load, new AnalogErrors(1, 1, 0.5, 0), new Ade7953Board(1001, 0.00025));
        Spi.write(laggingCt, 0x008, 0x4);
        load.set(new PhaseState(230, 10, 60, 50));
        long ideal = Spi.read(chip, 0x212);
        long uncorrected = Spi.read(laggingCt, 0x212);
        long lsb = Math.round(0.5 / (360 * 50 / (3_579_545 / 4.0)));
        Spi.write(laggingCt, 0x108, lsb);
        long corrected = Spi.read(laggingCt, 0x212);
        assertThat(Math.abs(corrected - ideal)).isLessThan(Math.abs(uncorrected - ideal) / 10);

        Spi.write(laggingCt, 0x108, 0x200 | lsb);
        assertThat(Spi.read(laggingCt, 0x212)).as("negative: the lag doubles").isLessThan(uncorrected);
    }

    @Test
    void the_watt_offset_register_adds_a_512th_of_an_awatt_lsb_per_count_to_power_and_energy() {
        Spi.write(chip, 0x008, 0x4);
        long before = Spi.read(chip, 0x212);
        Spi.write(chip, 0x289, 512 * 100);
        assertThat(Spi.read(chip, 0x212) - before).isEqualTo(100);
    }
}
