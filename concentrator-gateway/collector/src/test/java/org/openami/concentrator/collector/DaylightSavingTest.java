package org.openami.concentrator.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Days of 23 and 25 hours in Europe/Berlin: the curve has 92 and 100 points, the daily freeze
 * still starts at 00:05 local. (Asia/Shanghai, the usual zone, has no DST.)
 * {@link SimulatedMeters} stands in for the protocol masters.
 */
class DaylightSavingTest {

    private static long curvePointsOn(Harness h, LocalDate day, int point) {
        long from = day.atStartOfDay(h.zone).toInstant().toEpochMilli();
        long to = day.plusDays(1).atStartOfDay(h.zone).toInstant().toEpochMilli();
        return h.meters.calls(ReadTask.CurvePoint.class).stream().filter(c -> c.point() == point)
                .map(c -> ((ReadTask.CurvePoint) c.task()).quarterStartMillis())
                .filter(q -> q >= from && q < to).distinct().count();
    }

    @Test
    void springForwardDayHas92PointsAndFreezesStillAt0005Local() {
        Harness h = new Harness("Europe/Berlin", "2024-03-30T23:50:00").archive(Meters.fleet(2, 1));
        h.runUntil("2024-04-01T00:30:00", Duration.ofMinutes(1));

        assertThat(curvePointsOn(h, LocalDate.of(2024, 3, 31), 1)).isEqualTo(92);
        List<SimulatedMeters.Call> freezes = h.meters.calls(ReadTask.DailyFreeze.class);
        assertThat(freezes).filteredOn(c -> c.task().equals(new ReadTask.DailyFreeze(LocalDate.of(2024, 3, 30))))
                .hasSize(2).allSatisfy(c -> assertThat(c.time()).isEqualTo(h.millis("2024-03-31T00:05:00")));
        assertThat(freezes).filteredOn(c -> c.task().equals(new ReadTask.DailyFreeze(LocalDate.of(2024, 3, 31))))
                .hasSize(2).allSatisfy(c -> assertThat(c.time()).isEqualTo(h.millis("2024-04-01T00:05:00")));
        // the freeze of 03-31 is stored with data time 00:00 CET of 03-31
        assertThat(h.sink.readings.keySet()).anySatisfy(k -> {
            assertThat(k.kind()).isEqualTo(org.openami.concentrator.model.ReadingKind.DAILY_FREEZE);
            assertThat(k.dataTime()).isEqualTo(h.millis("2024-03-31T00:00:00"));
        });
        TaskStatistics curve = h.scheduler.statistics(LocalDate.of(2024, 3, 31)).orElseThrow().task(TaskKind.CURVE);
        assertThat(curve.perMille()).isEqualTo(1000);
        assertThat(h.scheduler.counters().missedQuarters()).isZero();
    }

    @Test
    void fallBackDayHas100Points() {
        Harness h = new Harness("Europe/Berlin", "2024-10-26T23:50:00").archive(Meters.fleet(2, 1));
        h.runUntil("2024-10-28T00:30:00", Duration.ofMinutes(1));

        assertThat(curvePointsOn(h, LocalDate.of(2024, 10, 27), 2)).isEqualTo(100);
        assertThat(h.meters.calls(ReadTask.DailyFreeze.class))
                .filteredOn(c -> c.task().equals(new ReadTask.DailyFreeze(LocalDate.of(2024, 10, 27))))
                .hasSize(2).allSatisfy(c -> assertThat(c.time()).isEqualTo(h.millis("2024-10-28T00:05:00")));
        assertThat(h.scheduler.counters().clockJumpsBackward()).isZero();
        assertThat(h.scheduler.counters().missedQuarters()).isZero();
    }

    @Test
    void shanghaiDaysAlwaysHave96Points() {
        Harness h = new Harness("Asia/Shanghai", "2024-03-30T23:50:00").archive(Meters.fleet(1, 1));
        h.runUntil("2024-04-01T00:30:00", Duration.ofMinutes(1));
        assertThat(curvePointsOn(h, LocalDate.of(2024, 3, 31), 1)).isEqualTo(96);
        assertThat(h.zone).isEqualTo(ZoneId.of("Asia/Shanghai"));
    }
}
