package org.openami.dlt645;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openami.dlt645.KnownAnswers.bytes;

import java.time.LocalDateTime;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.openami.dlt645.ControlCode.Function;
import org.openami.dlt645.data.NumericFormat;

/** Every known-answer frame of PROTOCOL-NOTES.md encodes and decodes byte-exact. */
class KnownAnswerFrameTest {

    private static final MeterAddress METER_1 = MeterAddress.parse("000000000001");

    @Test
    void wildcard_read_address_request_with_three_preambles_is_byte_exact() throws Exception {
        assertKnownAnswer(KnownAnswers.READ_ADDRESS, Dlt645Frame.readAddress(), 3);
        assertThat(Dlt645Frame.decode(bytes(KnownAnswers.READ_ADDRESS)).address()).isEqualTo(MeterAddress.ANY);
    }

    @Test
    void address_reply_of_meter_000000000001_is_byte_exact() throws Exception {
        Dlt645Frame reply = Dlt645Frame.addressReply(METER_1);
        assertKnownAnswer(KnownAnswers.ADDRESS_REPLY, reply, 0);
        assertThat(reply.control().toByte()).isEqualTo(0x93);
        assertThat(MeterAddress.fromWire(reply.data(), 0)).isEqualTo(METER_1);
    }

    @Test
    void energy_reply_of_meter_218231000114_carries_six_hundredths_of_a_kwh() throws Exception {
        MeterAddress meter = MeterAddress.parse("218231000114");
        Dlt645Frame reply = Dlt645Frame.readReply(meter, DataIdentifier.FORWARD_ACTIVE_TOTAL, NumericFormat.ENERGY.encode(6));
        assertKnownAnswer(KnownAnswers.ENERGY_REPLY, reply, 0);

        Dlt645Frame decoded = Dlt645Frame.decode(bytes(KnownAnswers.ENERGY_REPLY));
        assertThat(decoded.address()).isEqualTo(meter);
        assertThat(decoded.function()).isEqualTo(Function.READ_DATA);
        assertThat(decoded.control().isFromMeter()).isTrue();
        assertThat(decoded.dataIdentifier()).contains(DataIdentifier.FORWARD_ACTIVE_TOTAL);
        assertThat(NumericFormat.ENERGY.decode(decoded.data(), DataIdentifier.SIZE)).isEqualTo(6);
        assertThat(NumericFormat.ENERGY.toText(6)).isEqualTo("000000.06");
    }

    @Test
    void abnormal_no_requested_data_reply_is_byte_exact() throws Exception {
        Dlt645Frame reply = Dlt645Frame.abnormalReply(METER_1, Function.READ_DATA, EnumSet.of(ErrorFlag.NO_REQUESTED_DATA));
        assertKnownAnswer(KnownAnswers.NO_DATA_REPLY, reply, 0);
        Dlt645Frame decoded = Dlt645Frame.decode(bytes(KnownAnswers.NO_DATA_REPLY));
        assertThat(decoded.control().isAbnormal()).isTrue();
        assertThat(decoded.errors()).containsExactly(ErrorFlag.NO_REQUESTED_DATA);
    }

    @Test
    void broadcast_time_sync_to_2024_05_01_12_30_45_is_byte_exact() throws Exception {
        Dlt645Frame sync = Dlt645Frame.broadcastTimeSync(LocalDateTime.of(2024, 5, 1, 12, 30, 45));
        assertKnownAnswer(KnownAnswers.TIME_SYNC, sync, 0);
        assertThat(Dlt645Frame.decode(bytes(KnownAnswers.TIME_SYNC)).address().isBroadcast()).isTrue();
    }

    @Test
    void the_stream_decoder_finds_all_known_answer_frames_back_to_back() {
        RecordingDecoder d = new RecordingDecoder();
        d.feed(KnownAnswers.concat(bytes(KnownAnswers.READ_ADDRESS), bytes(KnownAnswers.ADDRESS_REPLY),
                bytes(KnownAnswers.ENERGY_REPLY), bytes(KnownAnswers.NO_DATA_REPLY), bytes(KnownAnswers.TIME_SYNC)));
        assertThat(d.frames).extracting(f -> f.control().toByte()).containsExactly(0x13, 0x93, 0x91, 0xD1, 0x08);
        assertThat(d.drops).isEmpty();
    }

    private static void assertKnownAnswer(String hex, Dlt645Frame frame, int preamble) throws Dlt645FormatException {
        byte[] wire = bytes(hex);
        assertThat(Hex.of(frame.encode(preamble))).isEqualTo(Hex.of(wire));
        assertThat(Dlt645Frame.decode(wire)).isEqualTo(frame);
        RecordingDecoder d = new RecordingDecoder();
        assertThat(d.feed(wire)).containsExactly(frame);
        assertThat(d.drops).isEmpty();
        assertThat(d.decoder.bufferedBytes()).isZero();
    }
}
