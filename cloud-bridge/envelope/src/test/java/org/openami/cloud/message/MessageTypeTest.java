package org.openami.cloud.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MessageTypeTest {

    @Test
    void codesAreTheDocumentedOnes() {
        assertThat(MessageType.TELEMETRY.code()).isEqualTo(1);
        assertThat(MessageType.EVENTS.code()).isEqualTo(2);
        assertThat(MessageType.COMMAND_RESULTS.code()).isEqualTo(3);
        assertThat(MessageType.COMMAND.code()).isEqualTo(16);
    }

    @Test
    void fromCodeInvertsCode() {
        for (MessageType t : MessageType.values()) {
            assertThat(MessageType.fromCode(t.code())).isSameAs(t);
        }
    }

    @Test
    void unknownCodesAreRefused() {
        for (int code : new int[] {0, 4, 15, 17, 255, 256, -1, Integer.MIN_VALUE}) {
            assertThatThrownBy(() -> MessageType.fromCode(code)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(Integer.toString(code));
        }
    }

    @Test
    void onlyCommandGoesDown() {
        assertThat(MessageType.TELEMETRY.uplink()).isTrue();
        assertThat(MessageType.EVENTS.uplink()).isTrue();
        assertThat(MessageType.COMMAND_RESULTS.uplink()).isTrue();
        assertThat(MessageType.COMMAND.uplink()).isFalse();
    }

    @Test
    void eachMessageReportsItsType() {
        assertThat(Samples.telemetry(1).type()).isEqualTo(MessageType.TELEMETRY);
        assertThat(Samples.events().type()).isEqualTo(MessageType.EVENTS);
        assertThat(Samples.results().type()).isEqualTo(MessageType.COMMAND_RESULTS);
        assertThat(Samples.command().type()).isEqualTo(MessageType.COMMAND);
    }
}
