package org.openami.sim.chip.bl0942;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openami.sim.chip.bl0942.Bl0942Registers.*;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class Bl0942ModelProtocolTest {

    private final Bl0942Host host = new Bl0942Host(0);

    @Test
    void a_register_read_answers_three_little_endian_bytes_and_an_inverted_sum_over_command_register_and_data() {
        byte[] r = host.readFrame(0, V_RMS);

        assertThat(r).hasSize(4);
        int d0 = r[0] & 0xFF, d1 = r[1] & 0xFF, d2 = r[2] & 0xFF;
        assertThat(r[3] & 0xFF).isEqualTo(~(0x58 + 0x04 + d0 + d1 + d2) & 0xFF);
        long value = d0 | d1 << 8 | d2 << 16;
        // 230 V over 5 x 390k / 510R is 60.14 mV at VP: 73989 * 60.14 / 1.218
        assertThat(value).isBetween(3_653_000L, 3_653_400L);
    }

    @Test
    void the_full_packet_has_the_0x55_header_seven_fields_and_a_checksum_that_skips_the_register_byte() {
        host.load.set(new org.openami.sim.load.PhaseState(230, 10, 0, 50));
        byte[] p = host.readFrame(0, FULL_PACKET);

        assertThat(p).hasSize(23);
        assertThat(p[0] & 0xFF).isEqualTo(0x55);
        int sum = 0x58;
        for (int i = 0; i < 22; i++) {
            sum += p[i] & 0xFF;
        }
        assertThat(p[22] & 0xFF).isEqualTo(~sum & 0xFF);
        assertThat(field(p, 0)).isEqualTo(host.model.peek(I_RMS)).isBetween(2_512_000L, 2_512_300L);
        assertThat(field(p, 1)).isEqualTo(host.model.peek(V_RMS));
        assertThat(field(p, 2)).isEqualTo(host.model.peek(I_FAST_RMS));
        assertThat(field(p, 3)).isEqualTo(host.model.peek(WATT)).isBetween(1_433_700L, 1_434_000L);
        assertThat(field(p, 4)).isEqualTo(host.model.peek(CF_CNT));
        assertThat(field(p, 5)).isEqualTo(20_000L);
        assertThat(field(p, 6)).isEqualTo(host.model.peek(STATUS)).isZero();
    }

    @Test
    void frequency_reads_as_one_million_divided_by_the_line_frequency() {
        host.load.set(new org.openami.sim.load.PhaseState(230, 1, 0, 60));
        assertThat(host.read(FREQ)).isEqualTo(16_667L);
    }

    @Test
    void a_command_split_over_several_arrivals_is_reassembled() {
        assertThat(host.send(0x58)).isEmpty();
        byte[] r = host.send(MODE);
        assertThat(r).hasSize(4);
        assertThat(r[0] & 0xFF).isEqualTo(MODE_DEFAULT);
    }

    @Test
    void two_commands_in_one_arrival_get_both_answers_in_order() {
        byte[] r = host.send(0x58, MODE, 0x58, WA_CREEP);
        assertThat(r).hasSize(8);
        assertThat(r[0] & 0xFF).isEqualTo(0x87);
        assertThat(r[4] & 0xFF).isEqualTo(0x0B);
    }

    @Test
    void a_partial_command_is_dropped_after_the_idle_gap_and_the_next_command_is_answered() {
        host.model.setFrameTimeout(Duration.ofMillis(20));
        assertThat(host.send(0x58)).isEmpty();
        assertThat(host.sendAfter(Duration.ofMillis(30), MODE)).as("0x19 alone is no command").isEmpty();
        assertThat(host.model.droppedBytes()).isEqualTo(2);
        assertThat(host.send(0x58, MODE)).hasSize(4);
    }

    @Test
    void a_partial_command_completed_within_the_idle_gap_is_answered() {
        assertThat(host.send(0x58)).isEmpty();
        assertThat(host.sendAfter(Duration.ofMillis(15), MODE)).hasSize(4);
    }

    @Test
    void line_noise_before_a_command_is_skipped() {
        assertThat(host.send(0x00, 0xFF, 0x13, 0x58, MODE)).hasSize(4);
        assertThat(host.model.droppedBytes()).isEqualTo(3);
    }

    @Test
    void commands_for_another_address_get_no_answer_and_their_writes_do_not_apply() {
        assertThat(host.readFrame(1, MODE)).isEmpty();
        assertThat(host.readFrame(3, FULL_PACKET)).isEmpty();
        host.send(Bl0942Host.writeFrame(2, USR_WRPROT, UNLOCK_KEY));
        host.send(Bl0942Host.writeFrame(2, MODE, 0x07));
        assertThat(host.model.peek(MODE)).isEqualTo(MODE_DEFAULT);
        assertThat(host.read(MODE)).isEqualTo(MODE_DEFAULT);
    }

    @Test
    void a_chip_strapped_to_address_2_answers_0x5a_and_uses_it_in_its_checksum() {
        Bl0942Host other = new Bl0942Host(2);
        assertThat(other.readFrame(0, MODE)).isEmpty();
        byte[] r = other.readFrame(2, MODE);
        assertThat(r).hasSize(4);
        assertThat(r[3] & 0xFF).isEqualTo(~(0x5A + MODE + 0x87) & 0xFF);
    }

    @Test
    void undefined_registers_read_as_zero() {
        assertThat(host.read(0x0F)).isZero();
        assertThat(host.read(0x13)).isZero();
    }

    @Test
    void a_write_gets_no_answer() {
        assertThat(host.write(USR_WRPROT, UNLOCK_KEY)).isEmpty();
    }

    private static long field(byte[] p, int index) {
        int off = 1 + 3 * index;
        return (p[off] & 0xFF) | (p[off + 1] & 0xFF) << 8 | (p[off + 2] & 0xFF) << 16;
    }
}
