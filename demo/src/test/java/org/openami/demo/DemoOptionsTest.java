package org.openami.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    private static final Instant START = Instant.parse("2026-11-20T15:40:00Z");

    private static DemoOptions options(int meters, int buses, int modbus, int minutes, int speed) {
        return new DemoOptions(meters, buses, modbus, minutes, speed, START, Path.of("r.json"), null, false, true);
    }

    @Test
    void theDefaultsAreAccepted() {
        DemoOptions o = options(24, 3, 2, 3, 120);
        assertThat(o.totalMeters()).isEqualTo(26);
        assertThat(o.metersOnBus(0) + o.metersOnBus(1) + o.metersOnBus(2)).isEqualTo(24);
        assertThat(o.realQuarter().toMillis()).isEqualTo(7_500);
    }

    @Test
    void metersAreSpreadEvenlyWithTheRemainderOnTheFirstBuses() {
        DemoOptions o = options(10, 3, 0, 1, 60);
        assertThat(new int[] {o.metersOnBus(0), o.metersOnBus(1), o.metersOnBus(2)}).containsExactly(4, 3, 3);
    }

    @Test
    void outOfRangeValuesNameTheirOption() {
        assertThatThrownBy(() -> options(0, 1, 0, 1, 1)).hasMessage("--meters 0 is outside 1..512");
        assertThatThrownBy(() -> options(4, 0, 0, 1, 1)).hasMessage("--buses 0 is outside 1..16");
        assertThatThrownBy(() -> options(4, 2, -1, 1, 1)).hasMessage("--modbus -1 is outside 0..32");
        assertThatThrownBy(() -> options(4, 2, 0, 0, 1)).hasMessage("--minutes 0 is outside 1..720");
        assertThatThrownBy(() -> options(4, 2, 0, 1, 601)).hasMessage("--speed 601 is outside 1..600");
        assertThatThrownBy(() -> options(2, 3, 0, 1, 1)).hasMessageStartingWith("--buses 3 is more than --meters 2");
        assertThatThrownBy(() -> options(130, 2, 0, 1, 1)).hasMessageContaining("puts 65 meters on one bus");
    }

    @Test
    void aSpeedTheBusesCannotKeepUpWithIsRefused() {
        // 24 meters on one bus at 2400 baud need about 8.4 s per quarter; x120 leaves 7.5 s
        assertThatThrownBy(() -> options(24, 1, 0, 1, 120)).hasMessageContaining("--speed 120 leaves 7.5 s")
                .hasMessageContaining("add --buses");
        assertThat(options(24, 2, 0, 1, 120).buses()).isEqualTo(2);
    }

    @Test
    void theSimulatedPeriodStaysWithinTheMetersProfileMemory() {
        assertThatThrownBy(() -> options(4, 1, 0, 720, 600)).hasMessageContaining("at most 30");
        assertThat(options(4, 1, 0, 360, 120).minutes()).isEqualTo(360);
    }

    @Test
    void startAcceptsInstantsOffsetsZonesAndLocalTimesInShanghai() {
        assertThat(DemoOptions.parseStart("2026-11-20T15:40:00Z")).isEqualTo(START);
        assertThat(DemoOptions.parseStart("2026-11-20T23:40+08:00")).isEqualTo(START);
        assertThat(DemoOptions.parseStart("2026-11-20T23:40+08:00[Asia/Shanghai]")).isEqualTo(START);
        assertThat(DemoOptions.parseStart("2026-11-20T23:40")).isEqualTo(START);
        assertThatThrownBy(() -> DemoOptions.parseStart("yesterday")).hasMessageStartingWith("--start 'yesterday' is not");
    }

    @Test
    void theDefaultStartIsTwentyToMidnightInShanghaiOfThatDay() {
        // 17:30 UTC is already the next day in Shanghai (01:30)
        Clock clock = Clock.fixed(Instant.parse("2026-11-20T17:30:00Z"), ZoneOffset.UTC);
        assertThat(DemoOptions.defaultStart(clock)).isEqualTo(Instant.parse("2026-11-21T15:40:00Z"));
    }
}
