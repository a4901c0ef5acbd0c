package org.openami.dlt645;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openami.dlt645.KnownAnswers.bytes;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openami.dlt645.ControlCode.Function;
import org.openami.dlt645.Dlt645FormatException.Reason;

class Dlt645FrameTest {

    private static final MeterAddress METER = MeterAddress.parse("000102030425");

    @Test
    void read_data_request_carries_the_identifier_di0_first() {
        Dlt645Frame f = Dlt645Frame.readData(METER, DataIdentifier.VOLTAGE_A);
        assertThat(f.control().toByte()).isEqualTo(0x11);
        assertThat(Hex.of(f.data())).isEqualTo("00 01 01 02");
        assertThat(f.dataIdentifier()).contains(DataIdentifier.VOLTAGE_A);
        assertThat(Hex.of(f.encode())).isEqualTo("68 25 04 03 02 01 00 68 11 04 33 34 34 35 E4 16");
    }

    @Test
    void read_follow_up_appends_the_sequence_number() {
        Dlt645Frame f = Dlt645Frame.readFollowUp(METER, DataIdentifier.FORWARD_ACTIVE_BLOCK, 2);
        assertThat(Hex.of(f.data())).isEqualTo("00 FF 01 00 02");
        assertThat(f.dataIdentifier()).contains(DataIdentifier.FORWARD_ACTIVE_BLOCK);
        assertThatThrownBy(() -> Dlt645Frame.readFollowUp(METER, DataIdentifier.FORWARD_ACTIVE_BLOCK, 256))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void data_offset_wraps_modulo_256() throws Exception {
        Dlt645Frame f = Dlt645Frame.normalReply(METER, Function.READ_DATA, new byte[] {(byte) 0xF0, (byte) 0xCD, 0});
        byte[] wire = f.encode();
        assertThat(Hex.of(wire, 10, 3)).isEqualTo("23 00 33");
        assertThat(Dlt645Frame.decode(wire)).isEqualTo(f);
    }

    @Test
    void preambles_are_zero_to_four_fe_bytes_outside_the_checksum() {
        Dlt645Frame f = Dlt645Frame.readAddress();
        assertThat(Hex.of(f.encode(4))).isEqualTo("FE FE FE FE " + Hex.of(f.encode()));
        assertThatThrownBy(() -> f.encode(5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.encode(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_request_carries_at_most_50_data_bytes() {
        assertThat(Dlt645Frame.request(METER, Function.WRITE_DATA, new byte[50]).dataLength()).isEqualTo(50);
        assertThatThrownBy(() -> Dlt645Frame.request(METER, Function.WRITE_DATA, new byte[51]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_reply_carries_at_most_200_data_bytes() {
        assertThat(Dlt645Frame.normalReply(METER, Function.READ_DATA, new byte[200]).encode()).hasSize(212);
        assertThatThrownBy(() -> Dlt645Frame.normalReply(METER, Function.READ_DATA, new byte[201]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_reply_must_carry_a_specific_address() {
        assertThatThrownBy(() -> Dlt645Frame.normalReply(MeterAddress.ANY, Function.READ_DATA, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dlt645Frame.addressReply(MeterAddress.BROADCAST))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_abnormal_reply_carries_exactly_one_error_byte() {
        Dlt645Frame f = Dlt645Frame.abnormalReply(METER, Function.WRITE_DATA,
                EnumSet.of(ErrorFlag.UNAUTHORISED, ErrorFlag.OTHER));
        assertThat(f.control().toByte()).isEqualTo(0xD4);
        assertThat(f.data()).containsExactly(0x05);
        assertThat(f.errors()).containsExactlyInAnyOrder(ErrorFlag.UNAUTHORISED, ErrorFlag.OTHER);
        assertThat(f.dataIdentifier()).isEmpty();
        assertThatThrownBy(() -> Dlt645Frame.of(METER, ControlCode.abnormalReply(Function.READ_DATA), new byte[2]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dlt645Frame.of(METER, ControlCode.abnormalReply(Function.READ_DATA), new byte[] {(byte) 0x80}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void error_flags_map_both_ways_and_reject_the_reserved_bit() {
        assertThat(ErrorFlag.fromByte(0x7F)).hasSize(7);
        assertThat(ErrorFlag.toByte(Set.of(ErrorFlag.TOO_MANY_TARIFFS))).isEqualTo(0x40);
        assertThatThrownBy(() -> ErrorFlag.fromByte(0x80)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void frames_are_immutable() {
        byte[] data = {1, 2, 3};
        Dlt645Frame f = Dlt645Frame.normalReply(METER, Function.READ_DATA, data);
        data[0] = 9;
        f.data()[1] = 9;
        assertThat(f.data()).containsExactly(1, 2, 3);
    }

    @Test
    void equal_frames_have_equal_hashes_and_a_readable_form() {
        Dlt645Frame a = Dlt645Frame.readData(METER, DataIdentifier.TIME);
        Dlt645Frame b = Dlt645Frame.request(METER, Function.READ_DATA, DataIdentifier.TIME.toWire());
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.toString()).contains("000102030425", "11H", "02 01 00 04");
    }

    @Test
    void one_shot_decoding_names_what_is_wrong() {
        assertReason(KnownAnswers.ENERGY_REPLY.replace("F1 16", "F2 16"), Reason.BAD_CHECKSUM);
        assertReason(KnownAnswers.ENERGY_REPLY.replace("F1 16", "F1 17"), Reason.NO_END);
        assertReason(KnownAnswers.ENERGY_REPLY.replace("F1 16", "F1"), Reason.TRUNCATED);
        assertReason(KnownAnswers.ENERGY_REPLY + " 00", Reason.BAD_LENGTH);
        assertReason("00 " + KnownAnswers.ENERGY_REPLY, Reason.NO_START);
        assertReason("", Reason.TRUNCATED);
        assertReason("68 01 00 00 00 00 00 68 91 C9", Reason.BAD_LENGTH);
        assertReason("68 01 00 00 00 00 00 68 1D 00", Reason.BAD_CONTROL);
        assertReason("68 01 00 00 00 00 00 67", Reason.NO_SECOND_START);
        assertReason("68 01 00 00 0A", Reason.BAD_ADDRESS);
    }

    @Test
    void a_damaged_reply_still_tells_which_meter_sent_it() {
        assertThatThrownBy(() -> Dlt645Frame.decode(bytes(KnownAnswers.ENERGY_REPLY.replace("F1 16", "F2 16"))))
                .isInstanceOfSatisfying(Dlt645FormatException.class, e -> {
                    assertThat(e.address()).contains(MeterAddress.parse("218231000114"));
                    assertThat(e.control().map(ControlCode::toByte)).contains(0x91);
                    assertThat(e.bytes()).hasSize(20);
                    assertThat(e.getMessage()).startsWith("BAD_CHECKSUM");
                });
    }

    @Test
    void one_shot_decoding_accepts_any_number_of_preambles() throws Exception {
        assertThat(Dlt645Frame.decode(bytes("FE FE FE FE FE FE " + KnownAnswers.NO_DATA_REPLY)).errors())
                .containsExactly(ErrorFlag.NO_REQUESTED_DATA);
    }

    private static void assertReason(String hex, Reason reason) {
        assertThatThrownBy(() -> Dlt645Frame.decode(bytes(hex)))
                .isInstanceOfSatisfying(Dlt645FormatException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
