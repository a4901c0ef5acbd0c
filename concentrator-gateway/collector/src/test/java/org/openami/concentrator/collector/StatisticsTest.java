package org.openami.concentrator.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openami.concentrator.archive.MeterRecord;
import org.openami.concentrator.channel.FailureReason;

/** Per-day and per-meter statistics. {@link SimulatedMeters} stands in for the protocol masters. */
class StatisticsTest {

    private static final LocalDate MAY_2 = LocalDate.of(2024, 5, 2);

    private static Harness twentyMeters() {
        List<MeterRecord> fleet = new ArrayList<>(Meters.fleet(20, 2));
        fleet.set(6, Meters.modbus(7, 7, "rs485-1"));
        Harness h = new Harness(ZoneId.of("Asia/Shanghai"), LocalDateTime.parse("2024-05-02T00:00:00"),
                CollectorSettings.builder().maxRounds(2).backfillDays(0).build()).archive(fleet);
        long q1000 = h.millis("2024-05-02T10:00:00");
        h.meters.behave((m, t) -> {
            if (m.point() == 15) {
                return SimulatedMeters.Answer.TIMEOUT;                      // dead meter
            }
            if (m.point() == 7 && !(t instanceof ReadTask.CurvePoint)) {
                return SimulatedMeters.Answer.UNSUPPORTED;                  // Modbus: no freezes
            }
            if ((m.point() == 5 || m.point() == 10) && t instanceof ReadTask.DailyFreeze) {
                return SimulatedMeters.Answer.TIMEOUT;
            }
            if (m.point() == 12 && t.equals(new ReadTask.CurvePoint(q1000))) {
                return SimulatedMeters.Answer.TIMEOUT;                      // one missing curve point
            }
            return SimulatedMeters.Answer.DATA;
        });
        return h;
    }

    @Test
    void dailySuccessCountsMetersAndPerMille() {
        Harness h = twentyMeters();
        h.runUntil("2024-05-02T00:10:00", Duration.ofMinutes(1));
        TaskStatistics during = h.scheduler.statistics(MAY_2).orElseThrow().task(TaskKind.DAILY_FREEZE);
        assertThat(during.expectedMeters()).isEqualTo(19);
        assertThat(during.collectedMeters()).isEqualTo(16);
        assertThat(during.pendingMeters()).isEqualTo(3);
        assertThat(during.failedPoints()).isEmpty();

        h.runUntil("2024-05-02T01:00:00", Duration.ofMinutes(1));
        TaskStatistics daily = h.scheduler.statistics(MAY_2).orElseThrow().task(TaskKind.DAILY_FREEZE);
        assertThat(daily.expectedMeters()).isEqualTo(19);
        assertThat(daily.collectedMeters()).isEqualTo(16);
        assertThat(daily.pendingMeters()).isZero();
        assertThat(daily.perMille()).isEqualTo(16 * 1000 / 19);
        assertThat(daily.failedPoints()).containsExactly(5, 10, 15);
    }

    @Test
    void aMeterMissingOneCurvePointFailsTheDaysCurve() {
        Harness h = twentyMeters();
        h.runUntil("2024-05-02T12:00:00", Duration.ofMinutes(1));
        TaskStatistics curve = h.scheduler.statistics(MAY_2).orElseThrow().task(TaskKind.CURVE);
        assertThat(curve.expectedMeters()).isEqualTo(20);
        assertThat(curve.failedPoints()).containsExactly(12, 15);
        assertThat(curve.collectedMeters()).isEqualTo(18);
        assertThat(curve.perMille()).isEqualTo(900);
    }

    @Test
    void perMeterStatusKeepsLastSuccessConsecutiveFailuresAndLastReason() {
        Harness h = twentyMeters();
        h.runUntil("2024-05-02T02:00:00", Duration.ofMinutes(1));

        MeterStatus dead = h.scheduler.meterStatus(15).orElseThrow();
        long callsToDead = h.meters.calls.stream().filter(c -> c.point() == 15).count();
        assertThat(callsToDead).isGreaterThan(8);
        assertThat(dead.consecutiveFailures()).isEqualTo(callsToDead);
        assertThat(dead.lastSuccess()).isEmpty();
        MeterStatus.Failure f = dead.lastFailure().orElseThrow();
        assertThat(f.reason()).contains(FailureReason.TIMEOUT);
        assertThat(f.message()).isEqualTo("no reply within 500 ms");
        assertThat(f.task()).isEqualTo(TaskKind.CURVE);

        MeterStatus healthy = h.scheduler.meterStatus(1).orElseThrow();
        assertThat(healthy.consecutiveFailures()).isZero();
        assertThat(healthy.lastFailure()).isEmpty();
        assertThat(healthy.lastSuccess()).containsKeys(TaskKind.CURVE, TaskKind.DAILY_FREEZE);
        // processed at the tick after the read: 01:46 for the 01:45 point
        assertThat(healthy.lastSuccess().get(TaskKind.CURVE)).isEqualTo(h.millis("2024-05-02T01:47:00"));

        // meter 5 failed its daily freeze twice, but curve points succeed in between
        MeterStatus five = h.scheduler.meterStatus(5).orElseThrow();
        assertThat(five.consecutiveFailures()).isZero();
        assertThat(five.lastFailure().orElseThrow().task()).isEqualTo(TaskKind.DAILY_FREEZE);
        assertThat(h.scheduler.meterStatus(999)).isEmpty();
    }

    @Test
    void onlyTheConfiguredNumberOfDaysIsKept() {
        Harness h = new Harness(ZoneId.of("Asia/Shanghai"), LocalDateTime.parse("2024-05-01T00:00:00"),
                CollectorSettings.builder().statisticsDays(7).build()).archive(Meters.fleet(2, 1));
        h.runUntil("2024-05-10T12:00:00", Duration.ofMinutes(15));
        assertThat(h.scheduler.statistics(LocalDate.of(2024, 5, 10))).isPresent();
        assertThat(h.scheduler.statistics(LocalDate.of(2024, 5, 4))).isPresent();
        assertThat(h.scheduler.statistics(LocalDate.of(2024, 5, 3))).isEmpty();
        assertThat(h.scheduler.statistics(LocalDate.of(2024, 5, 1))).isEmpty();
    }
}
