package org.openami.dlt645;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openami.dlt645.KnownAnswers.bytes;
import static org.openami.dlt645.KnownAnswers.concat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openami.dlt645.ControlCode.Function;
import org.openami.dlt645.Dlt645FormatException.Reason;

class Dlt645DecoderTest {

    private static final byte[] ENERGY = bytes(KnownAnswers.ENERGY_REPLY);
    private static final byte[] NO_DATA = bytes(KnownAnswers.NO_DATA_REPLY);
    private static final byte[] ADDRESS = bytes(KnownAnswers.ADDRESS_REPLY);
    private static final byte[] BAD_CS = bytes(KnownAnswers.ENERGY_REPLY.replace("F1 16", "F2 16"));
    private static final Duration LONG_GAP = Duration.ofMillis(600);

    @Test
    void noise_before_between_and_after_frames_is_skipped() {
        byte[] noise = bytes("00 11 FF 16 33 99 AA FE 13");
        RecordingDecoder d = new RecordingDecoder();
        d.feed(concat(noise, ENERGY, noise, NO_DATA, noise));
        assertThat(d.frames).containsExactly(frameOf(ENERGY), frameOf(NO_DATA));
        assertThat(d.drops).isEmpty();
        assertThat(d.decoder.discardedBytes()).isEqualTo(3L * noise.length);
    }

    @Test
    void any_number_of_preambles_is_skipped() {
        byte[] preambles = new byte[10];
        Arrays.fill(preambles, (byte) 0xFE);
        RecordingDecoder d = new RecordingDecoder();
        d.feed(concat(preambles, ADDRESS));
        assertThat(d.frames).containsExactly(frameOf(ADDRESS));
    }

    @ParameterizedTest
    @ValueSource(strings = {KnownAnswers.READ_ADDRESS, KnownAnswers.ADDRESS_REPLY, KnownAnswers.ENERGY_REPLY,
        KnownAnswers.NO_DATA_REPLY, KnownAnswers.TIME_SYNC})
    void a_frame_split_at_every_byte_boundary_comes_out_once_with_its_last_byte(String hex) {
        byte[] wire = bytes(hex);
        for (int split = 0; split <= wire.length; split++) {
            RecordingDecoder d = new RecordingDecoder();
            List<Dlt645Frame> first = d.decoder.feed(wire, 0, split);
            List<Dlt645Frame> second = d.decoder.feed(wire, split, wire.length - split);
            assertThat(split == wire.length ? first : second).as("split at %d", split).hasSize(1);
            assertThat(split == wire.length ? second : first).as("split at %d", split).isEmpty();
            assertThat(d.drops).isEmpty();
        }
        RecordingDecoder bytewise = new RecordingDecoder();
        for (int i = 0; i < wire.length; i++) {
            assertThat(bytewise.decoder.feed(wire, i, 1)).hasSize(i == wire.length - 1 ? 1 : 0);
        }
    }

    @Test
    void a_corrupted_checksum_followed_immediately_by_a_valid_frame_loses_only_the_corrupted_one() {
        for (boolean bytewise : new boolean[] {false, true}) {
            RecordingDecoder d = new RecordingDecoder();
            byte[] stream = concat(BAD_CS, NO_DATA);
            if (bytewise) {
                d.feedBytewise(stream);
            } else {
                d.feed(stream);
            }
            assertThat(d.frames).containsExactly(frameOf(NO_DATA));
            assertThat(d.reasons()).containsExactly(Reason.BAD_CHECKSUM);
            assertThat(d.drops.get(0).address()).contains(MeterAddress.parse("218231000114"));
            assertThat(d.drops.get(0).bytes()).isEqualTo(BAD_CS);
        }
    }

    @Test
    void an_impossible_length_is_dropped_at_the_length_byte() {
        RecordingDecoder d = new RecordingDecoder();
        d.feed(bytes("68 01 00 00 00 00 00 68 91 C9"));
        assertThat(d.reasons()).containsExactly(Reason.BAD_LENGTH);
        assertThat(d.drops.get(0).bytes()).hasSize(10);
        assertThat(d.decoder.bufferedBytes()).isZero();
        d.feed(ADDRESS);
        assertThat(d.frames).containsExactly(frameOf(ADDRESS));
    }

    @Test
    void a_request_longer_than_the_write_limit_is_dropped() {
        RecordingDecoder d = new RecordingDecoder();
        d.feed(concat(bytes("68 01 00 00 00 00 00 68 14 33"), NO_DATA));
        assertThat(d.reasons()).containsExactly(Reason.BAD_LENGTH);
        assertThat(d.frames).containsExactly(frameOf(NO_DATA));
    }

    @Test
    void a_valid_frame_starting_inside_garbage_is_found() {
        RecordingDecoder d = new RecordingDecoder();
        d.feed(bytes("68 01 00 00 00 00 00 68 91 FF " + KnownAnswers.TIME_SYNC));
        assertThat(d.frames).extracting(Dlt645Frame::function).containsExactly(Function.BROADCAST_TIME_SYNC);
        assertThat(d.reasons()).containsExactly(Reason.BAD_LENGTH);
    }

    @Test
    void a_stray_start_byte_drops_only_the_false_start() {
        RecordingDecoder d = new RecordingDecoder();
        d.feed(concat(bytes("68"), ADDRESS));
        assertThat(d.frames).containsExactly(frameOf(ADDRESS));
        assertThat(d.reasons()).containsExactly(Reason.NO_SECOND_START);
    }

    @Test
    void a_missing_end_byte_is_reported_and_the_next_frame_found() {
        RecordingDecoder d = new RecordingDecoder();
        d.feed(bytes(KnownAnswers.ADDRESS_REPLY.replace("9D 16", "9D 00") + " " + KnownAnswers.NO_DATA_REPLY));
        assertThat(d.frames).containsExactly(frameOf(NO_DATA));
        assertThat(d.reasons()).containsExactly(Reason.NO_END);
    }

    @Test
    void a_frame_cut_short_does_not_delay_the_next_one() {
        RecordingDecoder d = new RecordingDecoder();
        List<Dlt645Frame> out = d.feed(concat(bytes("68 01 00 00 00 00 00 68 91 C8"), NO_DATA));
        assertThat(out).containsExactly(frameOf(NO_DATA));
        assertThat(d.reasons()).containsExactly(Reason.TRUNCATED);
        assertThat(d.drops.get(0).bytes()).hasSize(10);
        assertThat(d.decoder.bufferedBytes()).isZero();
    }

    @Test
    void a_frame_hidden_in_the_data_of_a_longer_candidate_comes_out_at_its_end() {
        RecordingDecoder d = new RecordingDecoder();
        List<Dlt645Frame> out = d.feed(concat(bytes("68 01 00 00 00 00 00 68 91 0D"), NO_DATA));
        assertThat(out).containsExactly(frameOf(NO_DATA));
        assertThat(d.reasons()).containsExactly(Reason.TRUNCATED);
    }

    @Test
    void a_truncated_frame_is_dropped_when_the_line_goes_idle() {
        RecordingDecoder d = new RecordingDecoder();
        d.feed(Arrays.copyOf(ENERGY, 12));
        assertThat(d.decoder.bufferedBytes()).isEqualTo(12);
        d.decoder.idle(LONG_GAP);
        assertThat(d.reasons()).containsExactly(Reason.TIMEOUT);
        assertThat(d.drops.get(0).address()).contains(MeterAddress.parse("218231000114"));
        assertThat(d.decoder.bufferedBytes()).isZero();
        d.feed(Arrays.copyOfRange(ENERGY, 12, ENERGY.length));
        d.feed(NO_DATA);
        assertThat(d.frames).containsExactly(frameOf(NO_DATA));
    }

    @Test
    void a_gap_within_the_limit_keeps_a_partial_frame() {
        RecordingDecoder d = new RecordingDecoder();
        d.feed(Arrays.copyOf(ENERGY, 10));
        d.decoder.idle(Duration.ofMillis(500));
        d.feed(Arrays.copyOfRange(ENERGY, 10, ENERGY.length));
        assertThat(d.frames).containsExactly(frameOf(ENERGY));
        assertThat(d.drops).isEmpty();
    }

    @Test
    void the_idle_limit_is_configurable() {
        RecordingDecoder d = new RecordingDecoder(Duration.ofMillis(50));
        assertThat(d.decoder.idleLimit()).isEqualTo(Duration.ofMillis(50));
        d.feed(Arrays.copyOf(NO_DATA, 5));
        d.decoder.idle(Duration.ofMillis(60));
        assertThat(d.reasons()).containsExactly(Reason.TIMEOUT);
        assertThatThrownBy(() -> new Dlt645Decoder(Duration.ZERO, e -> { })).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idle_between_frames_reports_nothing() {
        RecordingDecoder d = new RecordingDecoder();
        d.feed(NO_DATA);
        d.decoder.idle(Duration.ofSeconds(5));
        assertThat(d.drops).isEmpty();
    }

    @Test
    void reset_forgets_a_partial_frame_silently() {
        RecordingDecoder d = new RecordingDecoder();
        d.feed(Arrays.copyOf(ENERGY, 15));
        d.decoder.reset();
        d.feed(Arrays.copyOfRange(ENERGY, 15, ENERGY.length));
        d.feed(ADDRESS);
        assertThat(d.frames).containsExactly(frameOf(ADDRESS));
        assertThat(d.drops).isEmpty();
        assertThat(d.decoder.droppedFrames()).isZero();
    }

    @Test
    void the_bytes_of_a_damaged_frame_are_reported_once() {
        RecordingDecoder d = new RecordingDecoder();
        d.feed(BAD_CS);
        d.decoder.idle(LONG_GAP);
        assertThat(d.reasons()).containsExactly(Reason.BAD_CHECKSUM);
        assertThat(d.decoder.droppedFrames()).isEqualTo(1);
    }

    @Test
    void an_abnormal_reply_using_the_reserved_error_bit_is_dropped() {
        RecordingDecoder d = new RecordingDecoder();
        d.feed(bytes("68 01 00 00 00 00 00 68 D1 01 B3 56 16"));
        assertThat(d.reasons()).containsExactly(Reason.BAD_DATA);
        assertThat(d.frames).isEmpty();
    }

    @Test
    void a_reply_from_a_wildcard_address_is_dropped() {
        RecordingDecoder d = new RecordingDecoder();
        d.feed(Dlt645Frame.readAddress().encode()); // a request to AA..AA is fine
        d.feed(bytes("68 01 AA AA AA AA AA 68 93 00 00 16"));
        assertThat(d.frames).hasSize(1);
        assertThat(d.reasons()).containsExactly(Reason.BAD_ADDRESS);
    }

    @Test
    void the_largest_reply_fits_and_memory_stays_within_one_frame() {
        byte[] wire = Dlt645Frame.normalReply(MeterAddress.of(42), Function.READ_DATA, new byte[200]).encode();
        RecordingDecoder d = new RecordingDecoder();
        d.feed(Arrays.copyOf(wire, wire.length - 1));
        assertThat(d.decoder.bufferedBytes()).isEqualTo(211).isLessThanOrEqualTo(Dlt645Frame.MAX_FRAME_BYTES);
        d.feed(new byte[] {wire[wire.length - 1]});
        assertThat(d.frames).hasSize(1);
        assertThat(d.frames.get(0).dataLength()).isEqualTo(200);
        assertThat(d.decoder.bufferedBytes()).isZero();
    }

    @Test
    void every_byte_fed_is_discarded_returned_in_a_frame_or_held() {
        RecordingDecoder d = new RecordingDecoder();
        byte[] stream = concat(bytes("00 68 68"), BAD_CS, NO_DATA, bytes("68 01 00 00 00 00 00 68 91 C8"), ADDRESS,
                Arrays.copyOf(ENERGY, 7));
        d.feedBytewise(stream);
        long inFrames = d.frames.stream().mapToLong(f -> f.encode().length).sum();
        assertThat(d.decoder.fedBytes()).isEqualTo(stream.length);
        assertThat(d.decoder.discardedBytes() + inFrames + d.decoder.bufferedBytes()).isEqualTo(stream.length);
        assertThat(d.frames).containsExactly(frameOf(NO_DATA), frameOf(ADDRESS));
    }

    @Test
    void feed_checks_its_bounds() {
        Dlt645Decoder d = new Dlt645Decoder();
        assertThatThrownBy(() -> d.feed(new byte[8], 5, 10)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static Dlt645Frame frameOf(byte[] wire) {
        try {
            return Dlt645Frame.decode(wire);
        } catch (Dlt645FormatException e) {
            throw new AssertionError(e);
        }
    }
}
