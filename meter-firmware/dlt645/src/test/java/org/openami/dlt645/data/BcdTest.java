package org.openami.dlt645.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BcdTest {

    @Test
    void values_are_written_low_byte_first() {
        byte[] out = new byte[4];
        Bcd.encodeUnsigned(12_345_678, out, 0, 4);
        assertThat(out).containsExactly(0x78, 0x56, 0x34, 0x12);
        assertThat(Bcd.decodeUnsigned(out, 0, 4)).isEqualTo(12_345_678);
    }

    @Test
    void the_sign_is_bit_7_of_the_highest_byte() {
        byte[] out = new byte[3];
        Bcd.encodeSigned(-1_500, out, 0, 3);
        assertThat(out).containsExactly(0x00, 0x15, 0x80);
        assertThat(Bcd.decodeSigned(out, 0, 3)).isEqualTo(-1_500);
        assertThat(Bcd.decodeSigned(new byte[] {0, 0, (byte) 0x80}, 0, 3)).as("negative zero").isZero();
    }

    @Test
    void limits_follow_the_number_of_digits() {
        assertThat(Bcd.maxUnsigned(2)).isEqualTo(9_999);
        assertThat(Bcd.maxSigned(2)).isEqualTo(7_999);
        assertThatThrownBy(() -> Bcd.encodeUnsigned(10_000, new byte[2], 0, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bcd.encodeUnsigned(-1, new byte[2], 0, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bcd.encodeSigned(8_000, new byte[2], 0, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bcd.maxUnsigned(9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_invalid_nibble_is_reported_with_its_position() {
        assertThatThrownBy(() -> Bcd.decodeUnsigned(new byte[] {0x12, 0x3A, 0x00}, 0, 3))
                .isInstanceOfSatisfying(BcdFormatException.class, e -> {
                    assertThat(e.offset()).isEqualTo(1);
                    assertThat(e.value()).isEqualTo(0x3A);
                });
        assertThatThrownBy(() -> Bcd.toInt((byte) 0xA0, 7)).isInstanceOf(BcdFormatException.class);
        assertThatThrownBy(() -> Bcd.decodeSigned(new byte[] {(byte) 0x8A}, 0, 1)).isInstanceOf(BcdFormatException.class);
        assertThat(Bcd.decodeSigned(new byte[] {(byte) 0xF0}, 0, 1)).as("sign bit over 70").isEqualTo(-70);
    }

    @Property
    void unsigned_values_round_trip(@ForAll @IntRange(min = 1, max = 8) int bytes, @ForAll long seed) {
        long value = Math.floorMod(seed, Bcd.maxUnsigned(bytes) + 1);
        byte[] out = new byte[bytes];
        Bcd.encodeUnsigned(value, out, 0, bytes);
        assertThat(Bcd.decodeUnsigned(out, 0, bytes)).isEqualTo(value);
    }

    @Property
    void arbitrary_bytes_decode_in_range_or_fail_typed(@ForAll @Size(min = 1, max = 8) byte[] bytes) {
        try {
            long v = Bcd.decodeSigned(bytes, 0, bytes.length);
            assertThat(Math.abs(v)).isLessThanOrEqualTo(Bcd.maxSigned(bytes.length));
        } catch (BcdFormatException e) {
            assertThat(e.offset()).isBetween(0, bytes.length - 1);
        }
    }
}
