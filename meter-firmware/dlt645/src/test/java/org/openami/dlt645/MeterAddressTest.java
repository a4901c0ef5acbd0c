package org.openami.dlt645;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MeterAddressTest {

    private static final MeterAddress OWN = MeterAddress.parse("000102030425");

    @Test
    void address_is_sent_low_byte_first() {
        assertThat(Hex.of(OWN.toWire())).isEqualTo("25 04 03 02 01 00");
        assertThat(MeterAddress.fromWire(Hex.parse("25 04 03 02 01 00"), 0)).isEqualTo(OWN);
        assertThat(OWN).hasToString("000102030425");
    }

    @Test
    void number_and_text_forms_agree() {
        assertThat(MeterAddress.of(1)).isEqualTo(MeterAddress.parse("000000000001"));
        assertThat(MeterAddress.of(999_999_999_999L)).isEqualTo(MeterAddress.BROADCAST);
        assertThatThrownBy(() -> MeterAddress.of(1_000_000_000_000L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MeterAddress.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wildcard_fills_high_bytes_with_aa() {
        MeterAddress wild = MeterAddress.parse("aaaaaa030425");
        assertThat(Hex.of(wild.toWire())).isEqualTo("25 04 03 AA AA AA");
        assertThat(wild.isWildcard()).isTrue();
        assertThat(wild.isSpecific()).isFalse();
        assertThat(wild).hasToString("AAAAAA030425");
        assertThat(MeterAddress.ANY.isWildcard()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"00000000000", "0000000000001", "00000000000A", "12AA00000000", "AA12AA000000",
        "0000000000AA", "0000000000-1", "00000000001F", "٠٠٠٠٠٠٠٠٠٠٠١"})
    void malformed_text_is_rejected(String text) {
        assertThatThrownBy(() -> MeterAddress.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void non_bcd_wire_bytes_are_rejected() {
        assertThatThrownBy(() -> MeterAddress.fromWire(Hex.parse("1A 00 00 00 00 00"), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MeterAddress.fromWire(Hex.parse("AA 00 00 00 00 00"), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_meter_matches_its_exact_address_only() {
        assertThat(MeterAddress.parse("000102030425").matches(OWN)).isTrue();
        assertThat(MeterAddress.parse("000102030426").matches(OWN)).isFalse();
        assertThat(MeterAddress.parse("100102030425").matches(OWN)).isFalse();
    }

    @Test
    void a_meter_matches_a_wildcard_whose_digits_agree() {
        assertThat(MeterAddress.ANY.matches(OWN)).isTrue();
        assertThat(MeterAddress.parse("AAAAAA030425").matches(OWN)).isTrue();
        assertThat(MeterAddress.parse("AAAAAAAAAA25").matches(OWN)).isTrue();
        assertThat(MeterAddress.parse("AAAAAA030426").matches(OWN)).isFalse();
        assertThat(MeterAddress.parse("AAAAAAAAAA24").matches(OWN)).isFalse();
    }

    @Test
    void a_meter_acts_on_broadcast_but_knows_it_is_one() {
        assertThat(MeterAddress.BROADCAST.matches(OWN)).isTrue();
        assertThat(MeterAddress.BROADCAST.isBroadcast()).isTrue();
        assertThat(MeterAddress.BROADCAST.isSpecific()).isFalse();
        assertThat(OWN.isBroadcast()).isFalse();
    }

    @Test
    void a_meter_own_address_must_be_specific() {
        assertThatThrownBy(() -> OWN.matches(MeterAddress.ANY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OWN.matches(MeterAddress.BROADCAST)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wire_copy_cannot_change_the_address() {
        byte[] wire = OWN.toWire();
        wire[0] = 0;
        assertThat(OWN).hasToString("000102030425");
    }
}
