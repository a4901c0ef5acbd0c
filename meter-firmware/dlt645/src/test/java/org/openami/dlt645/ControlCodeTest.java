package org.openami.dlt645;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openami.dlt645.ControlCode.Function;

class ControlCodeTest {

    @Test
    void function_codes_are_those_of_the_standard() {
        assertThat(Arrays.stream(Function.values()).mapToInt(Function::code))
                .containsExactly(0x08, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C);
    }

    @ParameterizedTest
    @EnumSource(Function.class)
    void function_codes_map_both_ways(Function f) {
        assertThat(Function.fromCode(f.code())).isSameAs(f);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x01, 0x03, 0x07, 0x09, 0x10, 0x1D, 0x1E, 0x1F, 0x20, -1})
    void unknown_function_codes_are_rejected(int code) {
        assertThatThrownBy(() -> Function.fromCode(code)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(Function.class)
    void requests_and_replies_set_direction_abnormal_and_follow_up_bits(Function f) {
        assertThat(ControlCode.request(f).toByte()).isEqualTo(f.code());
        assertThat(ControlCode.normalReply(f).toByte()).isEqualTo(0x80 | f.code());
        assertThat(ControlCode.normalReply(f, true).toByte()).isEqualTo(0xA0 | f.code());
        assertThat(ControlCode.abnormalReply(f).toByte()).isEqualTo(0xC0 | f.code());
        assertThat(ControlCode.abnormalReply(f).isAbnormal()).isTrue();
        assertThat(ControlCode.normalReply(f, true).hasFollowUp()).isTrue();
        assertThat(ControlCode.request(f).isRequest()).isTrue();
    }

    @Test
    void every_valid_byte_round_trips() {
        int valid = 0;
        for (int b = 0; b < 256; b++) {
            ControlCode c = ControlCode.lookup(b);
            if (c != null) {
                valid++;
                assertThat(ControlCode.fromByte(b).toByte()).isEqualTo(b);
            }
        }
        assertThat(valid).isEqualTo(13 * 4); // request, reply, reply + follow-up, abnormal reply
    }

    @ParameterizedTest
    @ValueSource(ints = {0x51, 0x31, 0x71, 0xF1, 0xE1, 0x90, 0x00, 0x100})
    void flags_that_cannot_go_together_are_rejected(int b) {
        assertThatThrownBy(() -> ControlCode.fromByte(b)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void data_limits_follow_direction() {
        assertThat(ControlCode.request(Function.WRITE_DATA).maxDataLength()).isEqualTo(50);
        assertThat(ControlCode.normalReply(Function.READ_DATA).maxDataLength()).isEqualTo(200);
        assertThat(ControlCode.abnormalReply(Function.READ_DATA).maxDataLength()).isEqualTo(1);
    }
}
