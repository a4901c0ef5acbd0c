package org.openami.sim.chip.atm90e32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.openami.sim.chip.atm90e32.Atm90e32Map.*;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openami.sim.chip.AnalogErrors;
import org.openami.sim.load.ConstantLoad;
import org.openami.sim.load.PhaseState;
import org.openami.sim.time.ManualClock;

class Atm90e32ModelTest {

    private static final int UNITY_U = 40_000;
    private static final int UNITY_I = 30_000;

    private final ManualClock clock = new ManualClock(Instant.parse("2024-03-01T00:00:00Z"));
    private final ConstantLoad load = new ConstantLoad(new PhaseState(230, 10, 0, 50));
    private final Atm90e32Model chip = new Atm90e32Model(clock, load,
            new AnalogErrors[] {AnalogErrors.NONE, AnalogErrors.NONE, AnalogErrors.NONE}, UNITY_U, UNITY_I);

    private int read(int address) throws IOException {
        byte[] rx = new byte[4];
        chip.transfer(new byte[] {(byte) (0x80 | address >> 8), (byte) address, 0, 0}, rx);
        return ((rx[2] & 0xFF) << 8) | (rx[3] & 0xFF);
    }

    private void write(int address, int value) throws IOException {
        chip.transfer(new byte[] {(byte) (address >> 8), (byte) address, (byte) (value >> 8), (byte) value}, new byte[4]);
    }

    /** Unlock, unity gains, metering on, lock: what a minimal driver does. */
    private void enableMetering() throws IOException {
        write(CFG_REG_ACC_EN, UNLOCK_KEY);
        for (int p = 0; p < 3; p++) {
            write(stride4(UGAIN_A, p), UNITY_U);
            write(stride4(IGAIN_A, p), UNITY_I);
        }
        write(METER_EN, 1);
        write(CFG_REG_ACC_EN, 0);
    }

    @Test
    void registers_power_up_at_their_documented_defaults_with_metering_off() throws IOException {
        assertThat(read(METER_EN)).isZero();
        assertThat(read(PL_CONST_H)).isEqualTo(0x0861);
        assertThat(read(PL_CONST_L)).isEqualTo(0xC468);
        assertThat(read(MMODE0)).isEqualTo(0x0087);
        assertThat(read(UGAIN_A)).isEqualTo(0x8000);
        assertThat(read(stride4(IGAIN_A, 2))).isEqualTo(0x8000);
        assertThat(read(stride2(PQ_GAIN_A, 1))).isZero();
        assertThat(read(URMS_A)).as("no metering before MeterEn").isZero();
        assertThat(chip.whPerCount()).isCloseTo(0.003125, within(1e-12));
    }

    @Test
    void a_frame_is_a_16_bit_command_with_read_bit_15_then_16_data_bits_msb_first() throws IOException {
        enableMetering();
        byte[] rx = new byte[4];
        chip.transfer(new byte[] {(byte) 0x80, (byte) URMS_A, 0x12, 0x34}, rx);
        assertThat(rx[0]).as("chip drives 0 during the command word").isZero();
        assertThat(rx[1]).isZero();
        assertThat(((rx[2] & 0xFF) << 8) | (rx[3] & 0xFF)).isEqualTo(23_000);

        chip.transfer(new byte[] {(byte) (0x80 | 0x7C), (byte) URMS_A, 0, 0}, rx);
        int viaHighAddressBits = ((rx[2] & 0xFF) << 8) | (rx[3] & 0xFF);
        assertThat(viaHighAddressBits).as("bits 14..10 are not address bits").isEqualTo(23_000);
    }

    @Test
    void frames_that_are_not_32_clocks_are_ignored() throws IOException {
        write(CFG_REG_ACC_EN, UNLOCK_KEY);
        byte[] rx = new byte[6];
        chip.transfer(new byte[] {0, (byte) UGAIN_A, 0x12, 0x34, 0, 0}, rx);
        assertThat(rx).containsOnly(0);
        assertThat(read(UGAIN_A)).isEqualTo(0x8000);
    }

    @Test
    void configuration_writes_need_the_0x55AA_unlock_and_any_other_value_locks_again() throws IOException {
        write(UGAIN_A, 0x1234);
        assertThat(read(UGAIN_A)).as("locked at power-up").isEqualTo(0x8000);
        write(CFG_REG_ACC_EN, UNLOCK_KEY);
        write(UGAIN_A, 0x1234);
        assertThat(read(UGAIN_A)).isEqualTo(0x1234);
        write(CFG_REG_ACC_EN, 0xAA55);
        write(UGAIN_A, 0x4321);
        assertThat(read(UGAIN_A)).isEqualTo(0x1234);
        write(EMM_INT_EN0, 0x00FF);
        assertThat(read(EMM_INT_EN0)).as("0x70..0x7F are not behind the lock").isEqualTo(0x00FF);
    }

    @Test
    void last_spi_data_echoes_the_last_write_or_read_but_not_its_own_reads() throws IOException {
        write(CFG_REG_ACC_EN, UNLOCK_KEY);
        assertThat(read(LAST_SPI_DATA)).isEqualTo(UNLOCK_KEY);
        write(UGAIN_A, 0x7777);
        assertThat(read(LAST_SPI_DATA)).isEqualTo(0x7777);
        assertThat(read(LAST_SPI_DATA)).isEqualTo(0x7777);
        read(PL_CONST_L);
        assertThat(read(LAST_SPI_DATA)).isEqualTo(0xC468);
        write(UANGLE_A, 0x5555);
        assertThat(read(LAST_SPI_DATA)).as("even ignored writes are echoed").isEqualTo(0x5555);
    }

    @Test
    void measurement_registers_carry_the_documented_scalings() throws IOException {
        load.set(new PhaseState(230.123, 10.0005, 60, 50.02));
        enableMetering();
        assertThat(read(URMS_A)).isEqualTo(23_012);
        assertThat(read(URMS_A_LSB) >>> 8).isBetween(75, 81); // 0.3 of 0.01 V in 1/256
        assertThat(read(IRMS_A + 1)).isEqualTo(10_000);
        assertThat(read(FREQ)).isEqualTo(5002);
        int p32 = (read(PMEAN_T + 1) << 16) | read(PMEAN_T_LSB + 1);
        assertThat(p32 * 0.00032).isCloseTo(230.123 * 10.0005 * 0.5, within(0.001));
        int q32 = (read(QMEAN_T + 1) << 16) | read(QMEAN_T_LSB + 1);
        assertThat(q32 * 0.00032).isCloseTo(230.123 * 10.0005 * Math.sin(Math.toRadians(60)), within(0.001));
        assertThat((short) read(PFMEAN_T + 3)).isEqualTo((short) 500);
        int pTotal = (read(PMEAN_T) << 16) | read(PMEAN_T_LSB);
        assertThat(pTotal * 0.00032).isCloseTo(3 * 230.123 * 10.0005 * 0.5, within(0.003));
        assertThat(read(PANGLE_A)).isEqualTo(600);
    }

    @Test
    void export_shows_as_negative_power_and_a_reverse_direction_flag() throws IOException {
        load.set(new PhaseState(230, 10, 180, 50));
        enableMetering();
        int p32 = (read(PMEAN_T + 1) << 16) | read(PMEAN_T_LSB + 1);
        assertThat(p32 * 0.00032).isCloseTo(-2300, within(0.001));
        assertThat((short) read(PFMEAN_T + 1)).isEqualTo((short) -1000);
        assertThat(read(EMM_STATE0) & (1 << 3)).as("CF1 reverse").isNotZero();
    }

    @Test
    void energy_registers_count_hundredths_of_a_cf_pulse_and_clear_on_read() throws IOException {
        enableMetering();
        read(AP_ENERGY_T + 1);
        clock.advance(Duration.ofSeconds(60));
        int counts = read(AP_ENERGY_T + 1);
        double expected = 2300.0 / 60 / 0.003125; // 2.3 kW for one minute
        assertThat((double) counts).isCloseTo(expected, within(1.0));
        assertThat(read(AP_ENERGY_T + 1)).as("cleared by the read").isZero();
        assertThat(read(AN_ENERGY_T + 1)).isZero();
        assertThat((double) read(AP_ENERGY_T)).as("total of three phases").isCloseTo(3 * expected, within(3.0));
        assertThat(read(RP_ENERGY_T + 2)).isZero();
    }

    @Test
    void reverse_and_reactive_energy_go_to_their_own_registers() throws IOException {
        load.set(new PhaseState(230, 10, 180 + 60, 50)); // export with capacitive reactive power
        enableMetering();
        clock.advance(Duration.ofSeconds(60));
        assertThat(read(AP_ENERGY_T + 1)).isZero();
        assertThat((double) read(AN_ENERGY_T + 1)).isCloseTo(1150.0 / 60 / 0.003125, within(1.0));
        assertThat((double) read(RN_ENERGY_T + 1)).isCloseTo(1991.858 / 60 / 0.003125, within(1.0));
        assertThat(read(RP_ENERGY_T + 1)).isZero();
    }

    @Test
    void an_energy_register_returns_at_most_0xFFFF_and_keeps_the_rest() throws IOException {
        enableMetering();
        clock.advance(Duration.ofMinutes(90)); // 3.45 kWh = 1.1 M counts on phase A
        long pending = chip.peek(AP_ENERGY_T + 1);
        assertThat(read(AP_ENERGY_T + 1)).isEqualTo(0xFFFF);
        assertThat(chip.peek(AP_ENERGY_T + 1)).isEqualTo(pending - 0xFFFF);
    }

    @Test
    void soft_reset_restores_defaults_and_drops_the_energy_not_yet_read() throws IOException {
        enableMetering();
        clock.advance(Duration.ofSeconds(30));
        write(SOFT_RESET, 0x1234);
        assertThat(read(METER_EN)).as("only the key resets").isEqualTo(1);
        write(SOFT_RESET, SOFT_RESET_KEY);
        assertThat(read(LAST_SPI_DATA)).as("cleared by the reset").isZero();
        assertThat(read(METER_EN)).isZero();
        assertThat(read(UGAIN_A)).isEqualTo(0x8000);
        assertThat(read(AP_ENERGY_T + 1)).isZero();
        clock.advance(Duration.ofSeconds(30));
        assertThat(read(AP_ENERGY_T + 1)).as("no metering until re-enabled").isZero();
        assertThat(chip.groundTruth().importActiveWh()).isCloseTo(3 * 2300.0 / 60, within(1e-6));
    }

    @Test
    void power_on_reset_is_the_same_as_a_soft_reset() throws IOException {
        enableMetering();
        clock.advance(Duration.ofSeconds(10));
        chip.powerOnReset();
        assertThat(read(METER_EN)).isZero();
        assertThat(read(AP_ENERGY_T)).isZero();
        assertThat(chip.peek(CFG_REG_ACC_EN)).as("locked again").isZero();
    }

    @Test
    void calibration_registers_act_on_readings_and_energy() throws IOException {
        enableMetering();
        write(CFG_REG_ACC_EN, UNLOCK_KEY);
        write(UGAIN_A, UNITY_U * 11 / 10);               // voltage x1.1 (and power)
        write(PQ_GAIN_A, 0x10000 - 3277);                // power x(1 - 0.1)
        write(IOFFSET_A, 512 * 5);                       // +5 mA on RMS current only
        write(POFFSET_A, 3125);                          // +1 W active power
        write(CFG_REG_ACC_EN, 0);
        assertThat(read(URMS_A)).isEqualTo(25_300);
        assertThat(read(IRMS_A)).isEqualTo(10_005);
        int p32 = (read(PMEAN_T + 1) << 16) | read(PMEAN_T_LSB + 1);
        double pq = 1 - 3277 / 32768.0;
        assertThat(p32 * 0.00032).isCloseTo(2300 * 1.1 * pq + 1, within(0.001));
        read(AP_ENERGY_T + 1);
        clock.advance(Duration.ofSeconds(60));
        assertThat((double) read(AP_ENERGY_T + 1)).isCloseTo((2300 * 1.1 * pq + 1) / 60 / 0.003125, within(1.0));
    }

    @Test
    void phase_register_delays_the_voltage_path_in_steps_of_one_2_048_mhz_clock() throws IOException {
        load.set(new PhaseState(230, 10, 60, 50));
        enableMetering();
        write(CFG_REG_ACC_EN, UNLOCK_KEY);
        write(PHI_A, 114);          // 114 / 2.048 MHz at 50 Hz = 1.0019 degree less lag
        write(stride2(PHI_A, 1), 0x8000 | 114);
        write(CFG_REG_ACC_EN, 0);
        double corr = 114 / 2.048e6 * 360 * 50;
        int pA = (read(PMEAN_T + 1) << 16) | read(PMEAN_T_LSB + 1);
        int pB = (read(PMEAN_T + 2) << 16) | read(PMEAN_T_LSB + 2);
        assertThat(pA * 0.00032).isCloseTo(2300 * Math.cos(Math.toRadians(60 - corr)), within(0.001));
        assertThat(pB * 0.00032).isCloseTo(2300 * Math.cos(Math.toRadians(60 + corr)), within(0.001));
    }

    @Test
    void an_injected_bus_error_fails_the_transfer_without_side_effects() throws IOException {
        enableMetering();
        clock.advance(Duration.ofSeconds(10));
        long pending = chip.peek(AP_ENERGY_T + 1);
        chip.faults().failNextTransfers(1);
        assertThatThrownBy(() -> read(AP_ENERGY_T + 1)).isInstanceOf(IOException.class);
        assertThat(chip.peek(AP_ENERGY_T + 1)).isEqualTo(pending);
        assertThat(read(AP_ENERGY_T + 1)).isEqualTo((int) pending);
    }

    @Test
    void a_corrupted_reply_differs_in_one_bit_and_last_spi_data_keeps_the_true_value() throws IOException {
        chip.faults().corruptNextReplies(1);
        int seen = read(PL_CONST_L);
        assertThat(Integer.bitCount(seen ^ 0xC468)).isEqualTo(1);
        assertThat(read(LAST_SPI_DATA)).isEqualTo(0xC468);
    }

    @Test
    void a_stuck_register_reads_its_stuck_value_and_a_stuck_energy_register_is_not_cleared() throws IOException {
        enableMetering();
        clock.advance(Duration.ofSeconds(10));
        chip.faults().stick(AP_ENERGY_T + 1, 0xFFFF);
        assertThat(read(AP_ENERGY_T + 1)).isEqualTo(0xFFFF);
        assertThat(read(LAST_SPI_DATA)).isEqualTo(0xFFFF);
        chip.faults().release(AP_ENERGY_T + 1);
        assertThat((double) read(AP_ENERGY_T + 1)).isCloseTo(2300.0 / 360 / 0.003125, within(1.0));
    }

    @Test
    void interrupt_status_latches_until_written_with_ones() throws IOException {
        enableMetering();
        assertThat(read(EMM_STATE1) & 0b100).as("phase A active power positive").isNotZero();
        load.set(new PhaseState(230, 10, 180, 50));
        assertThat(read(EMM_INT_STATE1) & 0b100).as("still latched").isNotZero();
        write(EMM_INT_STATE1, 0b100);
        assertThat(read(EMM_INT_STATE1) & 0b100).isZero();
    }
}
