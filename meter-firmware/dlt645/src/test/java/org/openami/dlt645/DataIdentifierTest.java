package org.openami.dlt645;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DataIdentifierTest {

    @Test
    void identifier_is_written_di3_first_and_sent_di0_first() {
        DataIdentifier di = DataIdentifier.parse("02010100");
        assertThat(di).isEqualTo(DataIdentifier.VOLTAGE_A);
        assertThat(Hex.of(di.toWire())).isEqualTo("00 01 01 02");
        assertThat(DataIdentifier.fromWire(Hex.parse("00 01 01 02"), 0)).isEqualTo(di);
        assertThat(di.di(3)).isEqualTo(0x02);
        assertThat(di.di(0)).isEqualTo(0x00);
        assertThat(di).hasToString("02010100");
    }

    @Test
    void constants_match_the_notes() {
        assertThat(DataIdentifier.FORWARD_ACTIVE_TOTAL).hasToString("00010000");
        assertThat(DataIdentifier.COMBINED_ACTIVE_TOTAL).hasToString("00000000");
        assertThat(DataIdentifier.VOLTAGE_BLOCK).hasToString("0201FF00");
        assertThat(DataIdentifier.FREQUENCY).hasToString("02800002");
        assertThat(DataIdentifier.DATE).hasToString("04000101");
        assertThat(DataIdentifier.TIME).hasToString("04000102");
        assertThat(DataIdentifier.COMMUNICATION_ADDRESS).hasToString("04000401");
        assertThat(DataIdentifier.LAST_DAILY_FREEZE_TIME).hasToString("05060001");
        assertThat(DataIdentifier.LAST_DAILY_FREEZE_FORWARD_ACTIVE).hasToString("05060101");
    }

    @Test
    void indices_are_hexadecimal() {
        assertThat(DataIdentifier.forwardActive(0, 0)).isEqualTo(DataIdentifier.FORWARD_ACTIVE_TOTAL);
        assertThat(DataIdentifier.forwardActive(2, 12)).hasToString("0001020C");
        assertThat(DataIdentifier.reverseActive(0, 0)).isEqualTo(DataIdentifier.REVERSE_ACTIVE_TOTAL);
        assertThat(DataIdentifier.combinedActive(4, 1)).hasToString("00000401");
        assertThat(DataIdentifier.dailyFreezeForwardActive(1)).isEqualTo(DataIdentifier.LAST_DAILY_FREEZE_FORWARD_ACTIVE);
        assertThat(DataIdentifier.dailyFreezeForwardActive(62)).hasToString("0506013E");
        assertThat(DataIdentifier.dailyFreezeTime(1)).isEqualTo(DataIdentifier.LAST_DAILY_FREEZE_TIME);
    }

    @Test
    void out_of_range_indices_and_text_are_rejected() {
        assertThatThrownBy(() -> DataIdentifier.forwardActive(64, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataIdentifier.forwardActive(0, 13)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataIdentifier.dailyFreezeForwardActive(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataIdentifier.dailyFreezeForwardActive(63)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataIdentifier.parse("0001000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataIdentifier.parse("0001000G")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataIdentifier.of(0x100, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
