package org.openami.sim.chip.bl0942;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openami.sim.chip.bl0942.Bl0942Registers.*;

import org.junit.jupiter.api.Test;

class Bl0942ModelFaultsTest {

    private final Bl0942Host host = new Bl0942Host(0);

    @Test
    void an_injected_bus_error_swallows_one_command_without_any_reply() {
        host.model.faults().failNextTransfers(1);
        assertThat(host.readFrame(0, MODE)).isEmpty();
        assertThat(host.readFrame(0, MODE)).hasSize(4);
    }

    @Test
    void a_write_hit_by_a_bus_error_does_not_apply() {
        host.write(USR_WRPROT, UNLOCK_KEY);
        host.model.faults().failNextTransfers(1);
        host.write(MODE, 0x07);
        assertThat(host.read(MODE)).isEqualTo(MODE_DEFAULT);
    }

    @Test
    void an_injected_corruption_flips_one_bit_so_the_checksum_no_longer_matches() {
        host.model.faults().corruptNextReplies(1);
        byte[] r = host.readFrame(0, MODE);
        assertThat(r[0] & 0xFF).isEqualTo(MODE_DEFAULT ^ 1);
        int sum = 0x58 + MODE + (r[0] & 0xFF) + (r[1] & 0xFF) + (r[2] & 0xFF);
        assertThat(r[3] & 0xFF).isNotEqualTo(~sum & 0xFF);
        assertThat(host.read(MODE)).isEqualTo(MODE_DEFAULT);
    }

    @Test
    void a_stuck_register_reads_its_stuck_value_alone_and_in_the_packet_until_released() {
        host.model.faults().stick(V_RMS, 0x123456);
        assertThat(host.read(V_RMS)).isEqualTo(0x123456);
        byte[] p = host.readFrame(0, FULL_PACKET);
        assertThat(p[4] & 0xFF).isEqualTo(0x56);
        assertThat(p[6] & 0xFF).isEqualTo(0x12);
        host.model.faults().release(V_RMS);
        assertThat(host.read(V_RMS)).isNotEqualTo(0x123456);
    }
}
