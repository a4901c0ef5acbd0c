package org.openami.dlt645.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ClockFormatTest {

    private static final LocalDateTime T = LocalDateTime.of(2024, 5, 1, 12, 30, 45);

    @Test
    void date_is_yymmddww_with_sunday_as_zero() {
        assertThat(ClockFormat.encodeDate(T.toLocalDate())).containsExactly(0x03, 0x01, 0x05, 0x24); // a Wednesday
        assertThat(ClockFormat.encodeDate(LocalDate.of(2024, 5, 5))).startsWith(0x00); // a Sunday
        assertThat(ClockFormat.decodeDate(new byte[] {0x03, 0x01, 0x05, 0x24}, 0)).isEqualTo(T.toLocalDate());
    }

    @Test
    void time_is_hhmmss_sent_seconds_first() {
        assertThat(ClockFormat.encodeTime(T.toLocalTime())).containsExactly(0x45, 0x30, 0x12);
        assertThat(ClockFormat.decodeTime(new byte[] {0x45, 0x30, 0x12}, 0)).isEqualTo(LocalTime.of(12, 30, 45));
    }

    @Test
    void freeze_time_is_yymmddhhmm_and_drops_seconds() {
        assertThat(ClockFormat.encodeMinute(T)).containsExactly(0x30, 0x12, 0x01, 0x05, 0x24);
        assertThat(ClockFormat.decodeMinute(ClockFormat.encodeMinute(T), 0)).isEqualTo(T.withSecond(0));
    }

    @Test
    void time_sync_data_is_yymmddhhmmss_sent_seconds_first() {
        assertThat(ClockFormat.encodeDateTime(T)).containsExactly(0x45, 0x30, 0x12, 0x01, 0x05, 0x24);
        assertThat(ClockFormat.decodeDateTime(ClockFormat.encodeDateTime(T), 0)).isEqualTo(T);
    }

    @Test
    void fields_out_of_range_are_rejected_with_their_position() {
        assertThatThrownBy(() -> ClockFormat.decodeDate(new byte[] {0x03, 0x01, 0x13, 0x24}, 0))
                .isInstanceOfSatisfying(BcdFormatException.class, e -> assertThat(e.offset()).isEqualTo(2));
        assertThatThrownBy(() -> ClockFormat.decodeDate(new byte[] {0x03, 0x30, 0x02, 0x24}, 0))
                .isInstanceOf(BcdFormatException.class); // 30 February
        assertThatThrownBy(() -> ClockFormat.decodeDate(new byte[] {0x07, 0x01, 0x05, 0x24}, 0))
                .isInstanceOf(BcdFormatException.class); // weekday 7
        assertThatThrownBy(() -> ClockFormat.decodeTime(new byte[] {0x00, 0x00, 0x24}, 0))
                .isInstanceOfSatisfying(BcdFormatException.class, e -> assertThat(e.offset()).isEqualTo(2));
        assertThatThrownBy(() -> ClockFormat.decodeTime(new byte[] {0x5A, 0x00, 0x00}, 0)).isInstanceOf(BcdFormatException.class);
    }

    @Test
    void a_stale_weekday_does_not_change_the_date() {
        assertThat(ClockFormat.decodeDate(new byte[] {0x06, 0x01, 0x05, 0x24}, 0)).isEqualTo(T.toLocalDate());
    }

    @Test
    void years_outside_2000_to_2099_cannot_be_encoded() {
        assertThatThrownBy(() -> ClockFormat.encodeDate(LocalDate.of(1999, 12, 31))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClockFormat.encodeDateTime(LocalDateTime.of(2100, 1, 1, 0, 0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void every_second_of_the_century_round_trips(@ForAll @IntRange(min = 0, max = 36_524) int day,
            @ForAll @IntRange(min = 0, max = 86_399) int second) {
        LocalDateTime t = LocalDate.of(2000, 1, 1).plusDays(day).atStartOfDay().plusSeconds(second);
        assertThat(ClockFormat.decodeDateTime(ClockFormat.encodeDateTime(t), 0)).isEqualTo(t);
        assertThat(ClockFormat.decodeDate(ClockFormat.encodeDate(t.toLocalDate()), 0)).isEqualTo(t.toLocalDate());
    }

    @Property
    void arbitrary_bytes_decode_or_fail_typed(@ForAll @Size(6) byte[] bytes) {
        try {
            LocalDateTime t = ClockFormat.decodeDateTime(bytes, 0);
            assertThat(t.getYear()).isBetween(2000, 2099);
        } catch (BcdFormatException expected) {
            assertThat(expected.offset()).isBetween(0, 5);
        }
    }
}
