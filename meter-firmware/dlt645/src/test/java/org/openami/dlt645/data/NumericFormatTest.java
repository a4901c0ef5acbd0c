package org.openami.dlt645.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class NumericFormatTest {

    @Test
    void energy_is_xxxxxx_xx_kwh_in_hundredths() {
        assertThat(NumericFormat.ENERGY.encode(6)).containsExactly(0x06, 0x00, 0x00, 0x00);
        assertThat(NumericFormat.ENERGY.encode(12_345_678)).containsExactly(0x78, 0x56, 0x34, 0x12);
        assertThat(NumericFormat.ENERGY.toText(12_345_678)).isEqualTo("123456.78");
        assertThat(NumericFormat.ENERGY.max()).isEqualTo(99_999_999);
        assertThatThrownBy(() -> NumericFormat.ENERGY.encode(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void combined_energy_carries_a_sign() {
        assertThat(NumericFormat.COMBINED_ENERGY.encode(-12_345)).containsExactly(0x45, 0x23, 0x01, 0x80);
        assertThat(NumericFormat.COMBINED_ENERGY.decode(new byte[] {0x45, 0x23, 0x01, (byte) 0x80}, 0)).isEqualTo(-12_345);
        assertThat(NumericFormat.COMBINED_ENERGY.toText(-12_345)).isEqualTo("-000123.45");
        assertThat(NumericFormat.COMBINED_ENERGY.max()).isEqualTo(79_999_999);
    }

    @Test
    void instantaneous_values_use_their_resolutions() {
        assertThat(NumericFormat.VOLTAGE.encode(2_201)).containsExactly(0x01, 0x22);
        assertThat(NumericFormat.VOLTAGE.toText(2_201)).isEqualTo("220.1");
        assertThat(NumericFormat.CURRENT.encode(-1_500)).containsExactly(0x00, 0x15, 0x80);
        assertThat(NumericFormat.CURRENT.toText(-1_500)).isEqualTo("-001.500");
        assertThat(NumericFormat.ACTIVE_POWER.encode(22_000)).containsExactly(0x00, 0x20, 0x02);
        assertThat(NumericFormat.ACTIVE_POWER.toText(22_000)).isEqualTo("02.2000");
        assertThat(NumericFormat.POWER_FACTOR.encode(-985)).containsExactly(0x85, 0x89);
        assertThat(NumericFormat.POWER_FACTOR.toText(985)).isEqualTo("0.985");
        assertThat(NumericFormat.FREQUENCY.encode(5_000)).containsExactly(0x00, 0x50);
        assertThat(NumericFormat.FREQUENCY.toText(4_998)).isEqualTo("49.98");
    }

    @Test
    void sizes_and_units_match_the_standard() {
        assertThat(NumericFormat.ENERGY.size()).isEqualTo(4);
        assertThat(NumericFormat.VOLTAGE.size()).isEqualTo(2);
        assertThat(NumericFormat.CURRENT.size()).isEqualTo(3);
        assertThat(NumericFormat.ACTIVE_POWER.decimals()).isEqualTo(4);
        assertThat(NumericFormat.POWER_FACTOR.signed()).isTrue();
        assertThat(NumericFormat.FREQUENCY.unit()).isEqualTo("Hz");
    }

    @Test
    void a_bad_nibble_is_rejected() {
        assertThatThrownBy(() -> NumericFormat.VOLTAGE.decode(new byte[] {0x0A, 0x22}, 0)).isInstanceOf(BcdFormatException.class);
    }

    @Property
    void every_value_in_range_round_trips(@ForAll NumericFormat format, @ForAll long seed) {
        long span = format.max() - format.min() + 1;
        long value = format.min() + Math.floorMod(seed, span);
        byte[] wire = format.encode(value);
        assertThat(wire).hasSize(format.size());
        assertThat(format.decode(wire, 0)).isEqualTo(value);
    }

    @Property
    void arbitrary_bytes_decode_in_range_or_fail_typed(@ForAll NumericFormat format, @ForAll byte[] bytes) {
        if (bytes.length < format.size()) {
            return;
        }
        try {
            assertThat(format.decode(bytes, 0)).isBetween(format.min(), format.max());
        } catch (BcdFormatException expected) {
            assertThat(expected.offset()).isLessThan(format.size());
        }
    }
}
