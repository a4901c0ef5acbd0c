package org.openami.meter.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FirmwareVersionTest {

    @Test
    void parses_and_prints_release_versions() {
        FirmwareVersion v = FirmwareVersion.parse("1.20.3");
        assertThat(v).isEqualTo(new FirmwareVersion(1, 20, 3));
        assertThat(v).hasToString("1.20.3");
        assertThat(FirmwareVersion.parse("0.0.0")).isEqualTo(new FirmwareVersion(0, 0, 0));
    }

    @Test
    void compares_fields_numerically_not_as_text() {
        assertThat(FirmwareVersion.parse("1.10.0").isNewerThan(FirmwareVersion.parse("1.9.0"))).isTrue();
        assertThat(FirmwareVersion.parse("2.0.0").isNewerThan(FirmwareVersion.parse("1.99.99"))).isTrue();
        assertThat(FirmwareVersion.parse("1.0.10").isNewerThan(FirmwareVersion.parse("1.0.9"))).isTrue();
        assertThat(FirmwareVersion.parse("1.2.3").isNewerThan(FirmwareVersion.parse("1.2.3"))).isFalse();
        assertThat(FirmwareVersion.parse("1.2.3").compareTo(FirmwareVersion.parse("1.2.4"))).isNegative();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1.2", "1.2.3.4", "01.2.3", "1.02.3", "1.2.x", "-1.2.3", "1.2.3 ", " 1.2.3",
        "1234567890.0.0", "v1.2.3", "1..3"})
    void refuses_what_is_not_MAJOR_MINOR_PATCH(String text) {
        assertThatThrownBy(() -> FirmwareVersion.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a release version");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3-rc1", "1.2.3-SNAPSHOT", "1.2.3+42"})
    void refuses_pre_release_and_build_suffixes_with_a_reason(String text) {
        assertThatThrownBy(() -> FirmwareVersion.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pre-release and build suffixes are not accepted");
    }

    @Property
    void printing_and_parsing_round_trips_and_keeps_the_order(@ForAll @IntRange(max = 999_999_999) int a,
            @ForAll @IntRange(max = 999_999_999) int b, @ForAll @IntRange(max = 999_999_999) int c,
            @ForAll @IntRange(max = 3) int bump) {
        FirmwareVersion v = new FirmwareVersion(a, b, c);
        assertThat(FirmwareVersion.parse(v.toString())).isEqualTo(v);
        FirmwareVersion bigger = switch (bump) {
            case 0 -> new FirmwareVersion(a, b, c);
            case 1 -> new FirmwareVersion(a, b, c + 1);
            case 2 -> new FirmwareVersion(a, b + 1, 0);
            default -> new FirmwareVersion(a + 1, 0, 0);
        };
        assertThat(bigger.isNewerThan(v)).isEqualTo(bump != 0);
    }
}
