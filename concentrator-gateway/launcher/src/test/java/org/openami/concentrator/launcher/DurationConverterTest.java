package org.openami.concentrator.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void reads_short_forms_iso_and_zero() {
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("PT15S")).isEqualTo(Duration.ofSeconds(15));
        assertThat(converter.convert("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void refuses_garbage_and_negative_durations() {
        assertThatThrownBy(() -> converter.convert("10 seconds")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("not a duration");
        assertThatThrownBy(() -> converter.convert("-PT1S")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("negative");
    }
}
