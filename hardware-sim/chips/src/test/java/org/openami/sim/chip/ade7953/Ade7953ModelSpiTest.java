package org.openami.sim.chip.ade7953;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openami.sim.chip.AnalogErrors;
import org.openami.sim.load.ConstantLoad;
import org.openami.sim.load.PhaseState;
import org.openami.sim.time.ManualClock;

class Ade7953ModelSpiTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2024-03-01T00:00:00Z"));
    private final ConstantLoad load = new ConstantLoad(new PhaseState(230, 10, 0, 50));
    private final Ade7953Model chip = new Ade7953Model(clock, load, AnalogErrors.NONE, new Ade7953Board(1001, 0.00025));

    @Test
    void registers_power_up_at_their_datasheet_defaults_with_the_reset_interrupt_pending() {
        assertThat(Spi.read(chip, 0x102)).as("CONFIG").isEqualTo(0x8004);
        assertThat(Spi.read(chip, 0x004)).as("LCYCMODE").isEqualTo(0x40);
        assertThat(Spi.read(chip, 0x100)).as("ZXTOUT").isEqualTo(0xFFFF);
        assertThat(Spi.read(chip, 0x107)).as("CFMODE").isEqualTo(0x300);
        assertThat(Spi.read(chip, 0x22C)).as("IRQENA").isEqualTo(0x100000);
        assertThat(Spi.read(chip, 0x280)).as("AIGAIN").isEqualTo(0x400000);
        assertThat(Spi.read(chip, 0x224)).as("OVLVL").isEqualTo(0xFFFFFF);
        assertThat(Spi.read(chip, 0x120)).as("0x120").isZero();
        assertThat(Spi.read(chip, 0x22D) & (1 << 20)).as("IRQSTATA.RESET").isNotZero();
    }

    @Test
    void a_read_frame_shifts_the_register_out_msb_first_after_the_three_header_bytes() {
        byte[] rx = Spi.transfer(chip, Spi.frame(0x102, 0x80, 2, 0));
        assertThat(rx).containsExactly(0x00, 0x00, 0x00, 0x80, 0x04);
    }

    @Test
    void the_access_width_follows_the_address_range_and_writes_carry_exactly_that_many_bytes() {
        Spi.write(chip, 0x007, 0x02);
        Spi.write(chip, 0x101, 0x1234);
        Spi.write(chip, 0x280, 0x3ABCDE);
        assertThat(Spi.transfer(chip, Spi.frame(0x007, 0x80, 1, 0))).containsExactly(0, 0, 0, 0x02);
        assertThat(Spi.transfer(chip, Spi.frame(0x101, 0x80, 2, 0))).containsExactly(0, 0, 0, 0x12, 0x34);
        assertThat(Spi.transfer(chip, Spi.frame(0x280, 0x80, 3, 0))).containsExactly(0, 0, 0, 0x3A, 0xBC, 0xDE);
        assertThat(Spi.transfer(chip, Spi.frame(0x380, 0x80, 4, 0))).containsExactly(0, 0, 0, 0x00, 0x3A, 0xBC, 0xDE);
        assertThat(Spi.read(chip, 0x702)).as("VERSION is 8-bit").isEqualTo(Ade7953Registers.SILICON_VERSION);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 0x400000, 0x7FFFFF, 0x800000, 0xFFFFFF, 0x123456})
    void a_24_bit_register_and_its_32_bit_view_are_one_storage_location(long value) {
        Spi.write(chip, 0x281, value);
        assertThat(Spi.read(chip, 0x381)).isEqualTo(value);
        Spi.write(chip, 0x389, value);
        assertThat(Spi.read(chip, 0x289)).isEqualTo(value);
        long signExtended = (value & 0x800000) != 0 ? value | 0xFF000000L : value;
        assertThat(Spi.read(chip, 0x389)).as("AWATTOS is signed").isEqualTo(signExtended);
    }

    @Test
    void writing_the_32_bit_view_keeps_the_low_24_bits_and_unsigned_registers_zero_extend() {
        Spi.write(chip, 0x380, 0xFF512345L);
        assertThat(Spi.read(chip, 0x280)).isEqualTo(0x512345);
        assertThat(Spi.read(chip, 0x32C)).as("IRQENA 32-bit").isEqualTo(0x00100000);
    }

    @Test
    void energy_registers_are_read_with_reset_by_default_and_accumulate_when_rstread_is_cleared() {
        clock.advance(Duration.ofSeconds(10));
        long first = Spi.read(chip, 0x21E);
        assertThat(first).isPositive();
        assertThat(Spi.read(chip, 0x21E)).as("nothing accumulated since the read").isZero();

        Spi.write(chip, 0x004, 0x00);
        clock.advance(Duration.ofSeconds(10));
        long a = Spi.read(chip, 0x21E);
        long b = Spi.read(chip, 0x21E);
        assertThat(a).isEqualTo(b).isCloseTo(first, org.assertj.core.data.Percentage.withPercentage(1));
    }

    @Test
    void rstirqstata_returns_the_status_and_clears_it_while_irqstata_only_reports() {
        assertThat(Spi.read(chip, 0x22D)).isEqualTo(1 << 20);
        assertThat(Spi.read(chip, 0x22E)).isEqualTo(1 << 20);
        assertThat(Spi.read(chip, 0x22D)).isZero();
    }

    @Test
    void last_op_last_add_and_last_rwdata_describe_the_last_access_and_reading_them_changes_nothing() {
        Spi.write(chip, 0x283, 0x3FFFFF);
        assertThat(Spi.read(chip, 0x0FD)).isEqualTo(0xCA);
        assertThat(Spi.read(chip, 0x1FE)).isEqualTo(0x283);
        assertThat(Spi.read(chip, 0x2FF)).isEqualTo(0x3FFFFF);

        Spi.read(chip, 0x102);
        assertThat(Spi.read(chip, 0x0FD)).isEqualTo(0x35);
        assertThat(Spi.read(chip, 0x1FE)).isEqualTo(0x102);
        assertThat(Spi.read(chip, 0x1FF)).isEqualTo(0x8004);
        assertThat(Spi.read(chip, 0x2FF)).as("other widths keep their data").isEqualTo(0x3FFFFF);
    }

    @Test
    void register_0x120_takes_a_write_only_directly_after_the_unlock_key() {
        Spi.write(chip, 0x120, 0x30);
        assertThat(Spi.read(chip, 0x120)).as("locked").isZero();

        Spi.write(chip, 0x0FE, 0xAD);
        Spi.read(chip, 0x1FE);
        Spi.write(chip, 0x120, 0x30);
        assertThat(Spi.read(chip, 0x120)).as("another access came in between").isZero();

        Spi.write(chip, 0x0FE, 0xAD);
        Spi.write(chip, 0x120, 0x30);
        assertThat(Spi.read(chip, 0x120)).isEqualTo(0x30);
    }

    @Test
    void software_reset_and_power_on_reset_restore_defaults_and_lose_pending_energy() {
        Spi.read(chip, 0x22E);
        Spi.write(chip, 0x280, 0x410000);
        clock.advance(Duration.ofSeconds(5));
        Spi.write(chip, 0x102, 0x0084);
        assertThat(Spi.read(chip, 0x280)).isEqualTo(0x400000);
        assertThat(Spi.read(chip, 0x21E)).as("energy lost").isZero();
        assertThat(Spi.read(chip, 0x22E)).isEqualTo(1 << 20);

        Spi.write(chip, 0x102, 0x0004);
        clock.advance(Duration.ofSeconds(5));
        chip.powerOnReset();
        assertThat(Spi.read(chip, 0x102)).isEqualTo(0x8004);
        assertThat(Spi.read(chip, 0x21E)).isZero();
        assertThat(Spi.read(chip, 0x22D)).isEqualTo(1 << 20);
    }

    @Test
    void a_frame_shorter_than_the_register_is_aborted_without_side_effects() {
        Spi.transfer(chip, new byte[] {0x02, (byte) 0x80, 0x00, 0x41});
        assertThat(Spi.read(chip, 0x280)).isEqualTo(0x400000);
        clock.advance(Duration.ofSeconds(1));
        Spi.transfer(chip, new byte[] {0x02, 0x1E, (byte) 0x80, 0});
        assertThat(Spi.read(chip, 0x21E)).as("the aborted read did not clear the energy").isPositive();
    }

    @Test
    void read_only_registers_and_write_protected_banks_ignore_writes() {
        Spi.write(chip, 0x22D, 0);
        assertThat(Spi.read(chip, 0x22D)).isEqualTo(1 << 20);
        Spi.write(chip, 0x040, 0x4);
        Spi.write(chip, 0x280, 0x300000);
        assertThat(Spi.read(chip, 0x280)).isEqualTo(0x400000);
        Spi.write(chip, 0x101, 0x10);
        assertThat(Spi.read(chip, 0x101)).as("16-bit bank not protected").isEqualTo(0x10);
    }

    @Test
    void injected_bus_errors_fail_transfers_corruption_flips_one_bit_and_stuck_registers_read_their_value() {
        chip.faults().failNextTransfers(1);
        assertThatThrownBy(() -> chip.transfer(Spi.frame(0x102, 0x80, 2, 0), new byte[5])).isInstanceOf(IOException.class);
        assertThat(Spi.read(chip, 0x102)).isEqualTo(0x8004);

        chip.faults().corruptNextReplies(1);
        long corrupted = Spi.read(chip, 0x102);
        assertThat(Long.bitCount(corrupted ^ 0x8004)).isEqualTo(1);
        assertThat(Spi.read(chip, 0x1FF)).as("the chip sent the right value").isEqualTo(0x8004);

        chip.faults().stick(0x282, 0x123456);
        Spi.write(chip, 0x282, 0x400001);
        assertThat(Spi.read(chip, 0x382)).isEqualTo(0x123456);
        chip.faults().release(0x282);
        assertThat(Spi.read(chip, 0x282)).isEqualTo(0x400001);
    }
}
