package org.openami.sim.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LineTimingTest {

    @Test
    void one_8e1_byte_at_9600_baud_takes_eleven_bit_times() {
        // 11 / 9600 s = 1.1458333 ms, rounded up to the next nanosecond
        assertThat(LineTiming.byteNanos(9600, LineTiming.BITS_8E1)).isEqualTo(1_145_834L);
    }

    @Test
    void one_8n1_byte_at_115200_baud_takes_ten_bit_times() {
        assertThat(LineTiming.byteNanos(115_200, LineTiming.BITS_8N1)).isEqualTo(86_806L);
    }

    @Test
    void a_frame_is_rounded_once_not_per_byte() {
        assertThat(LineTiming.frameNanos(100, 9600, 11)).isEqualTo(114_583_334L);
        assertThat(LineTiming.frameNanos(3, 9600, 11)).isLessThan(3 * LineTiming.byteNanos(9600, 11));
        assertThat(LineTiming.frameNanos(0, 9600, 11)).isZero();
    }

    @Test
    void bytes_sent_within_is_the_inverse_of_frame_nanos() {
        for (int bytes = 0; bytes < 300; bytes++) {
            long t = LineTiming.frameNanos(bytes, 9600, 11);
            assertThat(LineTiming.bytesSentWithin(t, 9600, 11)).isEqualTo(bytes);
            if (bytes > 0) {
                assertThat(LineTiming.bytesSentWithin(t - 1, 9600, 11)).isEqualTo(bytes - 1);
            }
        }
    }

    @Test
    void bytes_sent_within_does_not_overflow_for_a_day_at_high_speed() {
        long day = 86_400L * 1_000_000_000L;
        assertThat(LineTiming.bytesSentWithin(day, 4_000_000, 10)).isEqualTo(86_400L * 400_000L);
    }

    @Test
    void nonsense_arguments_are_rejected() {
        assertThatThrownBy(() -> LineTiming.byteNanos(0, 11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LineTiming.byteNanos(9600, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LineTiming.frameNanos(-1, 9600, 11)).isInstanceOf(IllegalArgumentException.class);
    }
}
