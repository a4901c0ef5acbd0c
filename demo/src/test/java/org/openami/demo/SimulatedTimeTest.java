package org.openami.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SimulatedTimeTest {

    @Test
    void runsSpeedTimesFasterFromTheAnchor() {
        AtomicLong nanos = new AtomicLong(5_000_000_000L);
        Instant start = Instant.parse("2026-11-20T15:40:00Z");
        SimulatedTime t = new SimulatedTime(start, 120, 5_000_000_000L, ZoneOffset.UTC, nanos::get);
        assertThat(t.instant()).isEqualTo(start);
        nanos.addAndGet(7_500_000_000L); // 7.5 real seconds
        assertThat(t.instant()).isEqualTo(Instant.parse("2026-11-20T15:55:00Z"));
        assertThat(t.withZone(ZoneOffset.ofHours(8)).instant()).isEqualTo(t.instant());
    }

    @Test
    void beforeTheAnchorItStaysAtTheStart() {
        Instant start = Instant.parse("2026-11-20T15:40:00Z");
        SimulatedTime t = new SimulatedTime(start, 60, 1_000L, ZoneOffset.UTC, () -> 0L);
        assertThat(t.instant()).isEqualTo(start);
        assertThatThrownBy(() -> new SimulatedTime(start, 0, 0, ZoneOffset.UTC)).hasMessageContaining("speed 0");
    }
}
