package org.openami.concentrator.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FastClockTest {

    private static final Instant START = Instant.parse("2024-06-01T00:00:00Z");

    @Test
    void runs_speed_times_faster_from_its_origin() {
        long tenSecondsAgo = FastClock.wallMicros() - 10_000_000;
        FastClock c = new FastClock(START, 60, tenSecondsAgo, ZoneOffset.UTC);
        Duration elapsed = Duration.between(START, c.instant());
        // 10 s of wall time at x60, plus whatever this test took (at most a few seconds on a busy machine)
        assertThat(elapsed).isBetween(Duration.ofSeconds(600), Duration.ofSeconds(600 + 60 * 5));
    }

    @Test
    void clocks_built_from_the_same_values_agree() {
        long origin = FastClock.wallMicros();
        FastClock a = new FastClock(START, 240, origin, ZoneOffset.UTC);
        FastClock b = new FastClock(START, 240, origin, ZoneOffset.UTC);
        Instant first = a.instant();
        Instant second = b.instant();
        Instant third = a.instant();
        assertThat(second).isBetween(first, third);
    }

    @Test
    void wall_time_until_an_instant_is_scaled_down() {
        FastClock c = new FastClock(START, 100, FastClock.wallMicros(), ZoneOffset.UTC);
        long ms = c.wallMillisUntil(START.plusSeconds(100));
        assertThat(ms).isBetween(1L, 1000L);
        assertThat(c.wallMillisUntil(START.minusSeconds(1))).isZero();
    }

    @Test
    void refuses_a_speed_out_of_range() {
        assertThatThrownBy(() -> new FastClock(START, 0, 0, ZoneOffset.UTC)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FastClock(START, Double.NaN, 0, ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
