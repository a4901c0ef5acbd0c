package org.openami.sim.chip.bl0942;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openami.sim.chip.bl0942.Bl0942Registers.*;

import org.junit.jupiter.api.Test;

class Bl0942ModelRegistersTest {

    private final Bl0942Host host = new Bl0942Host(0);

    @Test
    void user_registers_power_up_with_their_datasheet_defaults() {
        assertThat(host.read(MODE)).isEqualTo(0x87);
        assertThat(host.read(WA_CREEP)).isEqualTo(0x0B);
        assertThat(host.read(I_FAST_RMS_TH)).isEqualTo(0xFFFF);
        assertThat(host.read(I_FAST_RMS_CYC)).isEqualTo(1);
        assertThat(host.read(FREQ_CYC)).isEqualTo(3);
        assertThat(host.read(OT_FUNX)).isEqualTo(0x24);
        assertThat(host.read(GAIN_CR)).isEqualTo(2);
        assertThat(host.read(I_RMSOS)).isZero();
        assertThat(host.read(USR_WRPROT)).isZero();
    }

    @Test
    void a_write_while_write_protected_is_ignored() {
        host.write(MODE, 0x07);
        assertThat(host.read(MODE)).isEqualTo(MODE_DEFAULT);
    }

    @Test
    void the_unlock_key_opens_the_user_registers_and_any_other_value_closes_them() {
        host.unlockAndWrite(MODE, 0x07);
        assertThat(host.read(USR_WRPROT)).isEqualTo(1);
        assertThat(host.read(MODE)).isEqualTo(0x07);

        host.write(USR_WRPROT, 0x00);
        host.write(MODE, 0x0F);
        assertThat(host.read(MODE)).isEqualTo(0x07);
        assertThat(host.read(USR_WRPROT)).isZero();
    }

    @Test
    void a_write_with_a_bad_checksum_is_ignored() {
        host.write(USR_WRPROT, UNLOCK_KEY);
        int[] frame = Bl0942Host.writeFrame(0, MODE, 0x07);
        frame[5] ^= 0x01;
        host.send(frame);
        assertThat(host.read(MODE)).isEqualTo(MODE_DEFAULT);
    }

    @Test
    void writes_are_masked_to_the_register_width_and_read_only_registers_ignore_writes() {
        host.unlockAndWrite(GAIN_CR, 0xFFFFFF);
        host.write(MODE, 0xFFFFFF);
        host.write(WATT, 0x123456);
        assertThat(host.read(GAIN_CR)).isEqualTo(3);
        assertThat(host.read(MODE)).isEqualTo(0x3FF);
        assertThat(host.read(WATT)).isEqualTo(host.model.peek(WATT)).isNotEqualTo(0x123456);
    }

    @Test
    void soft_reset_with_the_magic_value_restores_the_defaults_and_locks() {
        host.unlockAndWrite(MODE, 0x07);
        host.write(WA_CREEP, 0);
        host.write(SOFT_RESET, SOFT_RESET_KEY);
        assertThat(host.read(MODE)).isEqualTo(MODE_DEFAULT);
        assertThat(host.read(WA_CREEP)).isEqualTo(0x0B);
        assertThat(host.read(USR_WRPROT)).isZero();
    }

    @Test
    void soft_reset_needs_the_unlock_and_the_exact_magic_value() {
        host.unlockAndWrite(MODE, 0x07);
        host.write(SOFT_RESET, 0x5A5A5B);
        assertThat(host.read(MODE)).isEqualTo(0x07);
        host.write(USR_WRPROT, 0);
        host.write(SOFT_RESET, SOFT_RESET_KEY);
        assertThat(host.read(MODE)).isEqualTo(0x07);
    }

    @Test
    void power_on_reset_puts_mode_back_to_its_default_and_cf_cnt_to_zero() {
        host.unlockAndWrite(MODE, 0x07);
        host.model.preloadCfCount(12345);
        host.model.powerOnReset();
        assertThat(host.read(MODE)).isEqualTo(MODE_DEFAULT);
        assertThat(host.read(CF_CNT)).isZero();
    }

    @Test
    void a_positive_rms_offset_reduces_the_current_reading_in_quadrature() {
        host.load.set(new org.openami.sim.load.PhaseState(230, 0.01, 0, 50));
        long before = host.read(I_RMS);
        host.unlockAndWrite(I_RMSOS, 100);
        long after = host.read(I_RMS);
        assertThat(after * after).isCloseTo(before * before - 100 * 8192L, org.assertj.core.data.Offset.offset(2 * before));
    }
}
