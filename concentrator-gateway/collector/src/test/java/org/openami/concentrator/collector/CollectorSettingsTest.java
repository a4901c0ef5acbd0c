package org.openami.concentrator.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectorSettingsTest {

    @Test
    void defaultsAreTheSgccSchedule() {
        CollectorSettings s = CollectorSettings.defaults();
        assertThat(s.curveOffset()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.dailyStart()).isEqualTo(LocalTime.of(0, 5));
        assertThat(s.dailyEnd()).isEqualTo(LocalTime.of(23, 0));
        assertThat(s.retryInterval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.backfillDays()).isEqualTo(3);
        assertThat(s.settlementDay()).isEqualTo(1);
        assertThat(s.maxInFlightPerChannel()).isEqualTo(2);
        assertThat(s.statisticsDays()).isEqualTo(7);
        assertThat(s.toBuilder().build()).isEqualTo(s);
    }

    @Test
    void propertiesAreParsedFromConfigurationValues() {
        CollectorSettings s = CollectorSettings.from(Map.of(
                "dailyStart", "0:10", "dailyEnd", "22:30", "retryInterval", 20, "curveRetryInterval", "PT90S",
                "backfillDays", "5", "settlementDay", 15L, "maxInFlightPerChannel", "1", "service.pid", "ignored"));
        assertThat(s.dailyStart()).isEqualTo(LocalTime.of(0, 10));
        assertThat(s.dailyEnd()).isEqualTo(LocalTime.of(22, 30));
        assertThat(s.retryInterval()).isEqualTo(Duration.ofMinutes(20));
        assertThat(s.curveRetryInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.backfillDays()).isEqualTo(5);
        assertThat(s.settlementDay()).isEqualTo(15);
        assertThat(s.maxInFlightPerChannel()).isEqualTo(1);
    }

    @Test
    void badValuesNameTheProperty() {
        assertThatThrownBy(() -> CollectorSettings.from(Map.of("dailyStart", "25:00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("dailyStart 25:00 is not a time of day (HH:mm)");
        assertThatThrownBy(() -> CollectorSettings.from(Map.of("dailyEnd", "24:00")))
                .hasMessageStartingWith("dailyEnd 24:00 is not a time of day");
        assertThatThrownBy(() -> CollectorSettings.from(Map.of("settlementDay", 31)))
                .hasMessage("settlementDay 31 is outside 1..28");
        assertThatThrownBy(() -> CollectorSettings.from(Map.of("backfillDays", "three")))
                .hasMessage("backfillDays 'three' is not a whole number");
        assertThatThrownBy(() -> CollectorSettings.from(Map.of("retryInterval", "half an hour")))
                .hasMessageStartingWith("retryInterval 'half an hour' is not a number of minutes");
        assertThatThrownBy(() -> CollectorSettings.from(Map.of("dailyStart", "23:30", "dailyEnd", "23:00")))
                .hasMessage("dailyEnd 23:00 is not after dailyStart 23:30");
        assertThatThrownBy(() -> CollectorSettings.builder().curveOffset(Duration.ofMinutes(15)).build())
                .hasMessage("curveOffset PT15M is not within 0..14 minutes");
        assertThatThrownBy(() -> CollectorSettings.builder().maxInFlightPerChannel(0).build())
                .hasMessage("maxInFlightPerChannel 0 is outside 1..64");
        assertThatThrownBy(() -> CollectorSettings.builder().statisticsDays(100).build())
                .hasMessage("statisticsDays 100 is outside 1..62");
        assertThatThrownBy(() -> CollectorSettings.from(Map.of("maxRounds", 2.5)))
                .hasMessage("maxRounds 2.5 is not a whole number");
    }
}
