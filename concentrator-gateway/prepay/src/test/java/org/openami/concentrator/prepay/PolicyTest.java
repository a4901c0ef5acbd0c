package org.openami.concentrator.prepay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy validation and loading; protected windows. */
class PolicyTest {

    @TempDir
    Path dir;

    private static Instant local(int y, int mo, int d, int h, int mi) {
        return Instant.ofEpochMilli(Fx.at(y, mo, d, h, mi));
    }

    private static ProtectedWindows nightsWeekendsHolidays() {
        // 2025-10-01..03 are holidays (Wednesday to Friday)
        return new ProtectedWindows(Fx.SHANGHAI, LocalTime.of(22, 0), LocalTime.of(7, 0), true,
                Set.of(LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 2), LocalDate.of(2025, 10, 3)));
    }

    @Test
    void nightWindowCrossesMidnight() {
        ProtectedWindows w = nightsWeekendsHolidays();
        assertThat(w.isProtected(local(2025, 5, 6, 21, 59))).isFalse();
        assertThat(w.isProtected(local(2025, 5, 6, 22, 0))).isTrue();
        assertThat(w.isProtected(local(2025, 5, 7, 6, 59))).isTrue();
        assertThat(w.isProtected(local(2025, 5, 7, 7, 0))).isFalse();
        assertThat(w.windowEnd(local(2025, 5, 6, 23, 30))).isEqualTo(local(2025, 5, 7, 7, 0));
        assertThat(w.windowEnd(local(2025, 5, 7, 3, 0))).isEqualTo(local(2025, 5, 7, 7, 0));
        assertThat(w.windowEnd(local(2025, 5, 7, 12, 0))).isEqualTo(local(2025, 5, 7, 12, 0));
    }

    @Test
    void fridayNightTheWeekendAndMondayMorningAreOneSpan() {
        ProtectedWindows w = nightsWeekendsHolidays();
        // Friday 2025-05-09 22:30 -> Monday 2025-05-12 07:00
        assertThat(w.windowEnd(local(2025, 5, 9, 22, 30))).isEqualTo(local(2025, 5, 12, 7, 0));
        assertThat(w.windowEnd(local(2025, 5, 10, 14, 0))).isEqualTo(local(2025, 5, 12, 7, 0));
        assertThat(w.isProtected(local(2025, 5, 10, 12, 0))).isTrue();
    }

    @Test
    void holidaysJoinTheWeekendAndTheNights() {
        ProtectedWindows w = nightsWeekendsHolidays();
        // Tuesday 2025-09-30 23:00: night, then holidays Wed..Fri, weekend, Monday 07:00
        assertThat(w.windowEnd(local(2025, 9, 30, 23, 0))).isEqualTo(local(2025, 10, 6, 7, 0));
        ProtectedWindows noNights = new ProtectedWindows(Fx.SHANGHAI, null, null, false, Set.of(LocalDate.of(2025, 10, 1)));
        assertThat(noNights.windowEnd(local(2025, 10, 1, 9, 0))).isEqualTo(local(2025, 10, 2, 0, 0));
        assertThat(noNights.isProtected(local(2025, 10, 4, 9, 0))).as("weekends off").isFalse();
    }

    @Test
    void aDaytimeWindowAndAClockChange() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // 02:00-03:00 does not exist on 2025-03-30 in Berlin; a window 01:30-02:30 ends at 03:00 local that day
        ProtectedWindows w = new ProtectedWindows(berlin, LocalTime.of(1, 30), LocalTime.of(2, 30), false, Set.of());
        Instant inWindow = LocalDateTime.of(2025, 3, 30, 1, 45).atZone(berlin).toInstant();
        assertThat(w.isProtected(inWindow)).isTrue();
        Instant end = w.windowEnd(inWindow);
        assertThat(end.atZone(berlin).toLocalDateTime()).isEqualTo(LocalDateTime.of(2025, 3, 30, 3, 0));
        assertThat(w.isProtected(end)).isFalse();
    }

    @Test
    void windowsAreValidated() {
        assertThatThrownBy(() -> new ProtectedWindows(null, null, null, false, Set.of()))
                .isInstanceOf(PolicyException.class).hasMessageContaining("windows.zone");
        assertThatThrownBy(() -> new ProtectedWindows(Fx.SHANGHAI, LocalTime.NOON, null, false, Set.of()))
                .isInstanceOf(PolicyException.class).hasMessageContaining("both");
        assertThatThrownBy(() -> new ProtectedWindows(Fx.SHANGHAI, LocalTime.NOON, LocalTime.NOON, false, Set.of()))
                .isInstanceOf(PolicyException.class).hasMessageContaining("leave it out");
    }

    @Test
    void policyRulesAreValidated() {
        ProtectedWindows w = ProtectedWindows.none(Fx.SHANGHAI);
        assertThatThrownBy(() -> new PrepayPolicy(500, 2000, 0, TripAt.ZERO, 10_000, ReconnectMode.CLOSE_ALLOWED, 0, w))
                .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.field()).isEqualTo("alarm2Fen"));
        assertThatThrownBy(() -> new PrepayPolicy(2000, 500, -1, TripAt.OVERDRAFT, 10_000, ReconnectMode.CLOSE_ALLOWED, 0, w))
                .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.field()).isEqualTo("overdraftLimitFen"));
        assertThatThrownBy(() -> new PrepayPolicy(2000, 500, 0, TripAt.ALARM2, 10_000, ReconnectMode.CLOSE_ALLOWED, 100, w))
                .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.field()).isEqualTo("reconnectAboveFen"));
        assertThatThrownBy(() -> new PrepayPolicy(2000, 500, 0, TripAt.ZERO, 100, ReconnectMode.CLOSE_ALLOWED, 100, w))
                .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.field()).isEqualTo("hoardingLimitFen"));
        assertThatThrownBy(() -> new PrepayPolicy(2000, 500, 0, null, 10_000, ReconnectMode.CLOSE_ALLOWED, 0, w))
                .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.field()).isEqualTo("tripAt"));
        PrepayPolicy p = new PrepayPolicy(2000, 500, 300, TripAt.OVERDRAFT, 10_000, ReconnectMode.DIRECT_CLOSE, 0, w);
        assertThat(p.tripLevelFen()).isEqualTo(-300);
        assertThat(p.resetThresholdWh()).isEqualTo(PrepayPolicy.DEFAULT_RESET_THRESHOLD_WH);
        assertThat(new PrepayPolicy(2000, 500, 300, TripAt.ALARM2, 10_000, ReconnectMode.DIRECT_CLOSE, 500, w).tripLevelFen())
                .isEqualTo(500);
    }

    @Test
    void loadsAPolicyFileWithDefaults() throws Exception {
        Path f = dir.resolve("policy.json");
        Files.writeString(f, """
                {"alarm1Fen": 2000, "alarm2Fen": "500", "tripAt": "overdraft", "overdraftLimitFen": 1000,
                 "hoardingLimitFen": 500000, "reconnect": "DIRECT_CLOSE",
                 "windows": {"zone": "Asia/Shanghai", "night": "22:00-07:00", "weekends": true,
                             "holidays": ["2025-10-01", "2025-10-02"]}}
                """);
        PrepayPolicy p = PrepayPolicy.load(f);
        assertThat(p.alarm1Fen()).isEqualTo(2000);
        assertThat(p.alarm2Fen()).isEqualTo(500);
        assertThat(p.tripAt()).isEqualTo(TripAt.OVERDRAFT);
        assertThat(p.tripLevelFen()).isEqualTo(-1000);
        assertThat(p.reconnectAboveFen()).as("defaults to the trip level").isEqualTo(-1000);
        assertThat(p.hoardingLimitFen()).isEqualTo(500_000);
        assertThat(p.reconnect()).isEqualTo(ReconnectMode.DIRECT_CLOSE);
        assertThat(p.windows()).isEqualTo(new ProtectedWindows(Fx.SHANGHAI, LocalTime.of(22, 0), LocalTime.of(7, 0), true,
                Set.of(LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 2))));
        assertThat(p.resetThresholdWh()).isEqualTo(PrepayPolicy.DEFAULT_RESET_THRESHOLD_WH);

        PrepayPolicy minimal = PrepayPolicy.parse("""
                {"alarm1Fen": 100, "alarm2Fen": 50, "windows": {"zone": "UTC"}}
                """.getBytes(StandardCharsets.UTF_8));
        assertThat(minimal.tripAt()).isEqualTo(TripAt.ZERO);
        assertThat(minimal.hoardingLimitFen()).isEqualTo(PrepayPolicy.NO_HOARDING_LIMIT);
        assertThat(minimal.reconnect()).isEqualTo(ReconnectMode.CLOSE_ALLOWED);
        assertThat(minimal.windows().nightFrom()).isNull();
        assertThat(minimal.windows().holidays()).isEmpty();
    }

    @Test
    void policyFileErrorsNameTheField() {
        assertPolicyError("{\"alarm1Fen\": 100, \"alarm2Fen\": 50, \"windows\": {\"zone\": \"Mars/Olympus\"}}",
                "windows.zone", "not a time zone");
        assertPolicyError("{\"alarm1Fen\": 100.5, \"alarm2Fen\": 50, \"windows\": {\"zone\": \"UTC\"}}",
                "alarm1Fen", "an integer");
        assertPolicyError("{\"alarm1Fen\": 100, \"alarm2Fen\": 50, \"windows\": {\"zone\": \"UTC\"}, \"alarm3Fen\": 1}",
                "alarm3Fen", "unknown field");
        assertPolicyError("{\"alarm1Fen\": 100, \"windows\": {\"zone\": \"UTC\"}}", "alarm2Fen", "missing");
        assertPolicyError("{\"alarm1Fen\": 100, \"alarm2Fen\": 50, \"windows\": {\"zone\": \"UTC\", \"night\": \"22:00\"}}",
                "windows.night", "22:00-07:00");
        assertPolicyError("{\"alarm1Fen\": 100, \"alarm2Fen\": 50, \"windows\": {\"zone\": \"UTC\", \"holidays\": [\"1 May\"]}}",
                "windows.holidays[0]", "yyyy-MM-dd");
        assertPolicyError("{\"alarm1Fen\": 100, \"alarm2Fen\": 50, \"tripAt\": \"SOMETIMES\", \"windows\": {\"zone\": \"UTC\"}}",
                "tripAt", "one of");
        assertPolicyError("{\"alarm1Fen\": 99999999999999999999, \"alarm2Fen\": 50, \"windows\": {\"zone\": \"UTC\"}}",
                "alarm1Fen", "out of range");
        assertPolicyError("[1]", null, "an object");
    }

    @Test
    void fromConfigurationProperties() {
        Map<String, Object> m = new HashMap<>();
        m.put("alarm1Fen", 2000L);
        m.put("alarm2Fen", "500");
        m.put("tripAt", "ALARM2");
        m.put("reconnectAboveFen", 1000);
        m.put("hoardingLimitFen", 100_000);
        m.put("windows.zone", "Asia/Shanghai");
        m.put("windows.night", "22:00-07:00");
        m.put("windows.weekends", "true");
        m.put("windows.holidays", new String[] {"2025-10-01", "2025-10-02", "2025-10-03"});
        m.put("service.pid", "org.openami.prepay");
        m.put("component.name", "prepay");
        PrepayPolicy p = PrepayPolicy.fromMap(m);
        assertThat(p.tripLevelFen()).isEqualTo(500);
        assertThat(p.reconnectAboveFen()).isEqualTo(1000);
        assertThat(p.windows()).isEqualTo(nightsWeekendsHolidays());

        m.put("windows.holidays", "2025-10-01, 2025-10-02 2025-10-03");
        assertThat(PrepayPolicy.fromMap(m).windows()).isEqualTo(nightsWeekendsHolidays());
        m.remove("windows.zone");
        assertThatThrownBy(() -> PrepayPolicy.fromMap(m)).isInstanceOfSatisfying(PolicyException.class,
                e -> assertThat(e.field()).isEqualTo("windows.zone"));
        assertThatThrownBy(() -> PrepayPolicy.fromMap(Map.of("alarm1Fen", 1))).isInstanceOfSatisfying(PolicyException.class,
                e -> assertThat(e.field()).isEqualTo("alarm2Fen"));
    }

    private static void assertPolicyError(String json, String field, String text) {
        assertThatThrownBy(() -> PrepayPolicy.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(PolicyException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(text);
                });
    }

    @Test
    void holidaySetsAreCopied() {
        java.util.HashSet<LocalDate> days = new java.util.HashSet<>(List.of(LocalDate.of(2025, 1, 1)));
        ProtectedWindows w = new ProtectedWindows(Fx.SHANGHAI, null, null, false, days);
        days.add(LocalDate.of(2025, 1, 2));
        assertThat(w.holidays()).containsExactly(LocalDate.of(2025, 1, 1));
    }
}
