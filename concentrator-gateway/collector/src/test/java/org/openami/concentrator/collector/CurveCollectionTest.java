package org.openami.concentrator.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openami.concentrator.channel.Priority;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

/**
 * 15-minute load-curve points, driven by a manual clock over simulated time, with
 * {@link SimulatedMeters} standing in for the protocol masters (see its Javadoc).
 */
class CurveCollectionTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void readsEveryMeterAtEveryQuarterPlusTheOffsetAndNotBefore() {
        Harness h = new Harness("Asia/Shanghai", "2024-05-01T09:58:00").archive(Meters.fleet(4, 2));
        h.runUntil("2024-05-01T11:00:00", Duration.ofSeconds(30));

        for (String quarter : List.of("10:00", "10:15", "10:30", "10:45")) {
            long q = h.millis("2024-05-01T" + quarter + ":00");
            List<SimulatedMeters.Call> calls = h.meters.calls.stream()
                    .filter(c -> c.task().equals(new ReadTask.CurvePoint(q))).toList();
            assertThat(calls).extracting(SimulatedMeters.Call::point).containsExactlyInAnyOrder(1, 2, 3, 4);
            // first tick at or after quarter + 1 min (ticks every 30 s), never before
            assertThat(calls).allSatisfy(c -> {
                assertThat(c.time()).isEqualTo(q + 60_000);
                assertThat(c.priority()).isEqualTo(Priority.SCHEDULED);
                assertThat(c.attempts()).isEqualTo(1);
            });
            for (int p = 1; p <= 4; p++) {
                assertThat(h.sink.has(new Reading.Key(p, ReadingKind.CURVE, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, q)))
                        .as("point %d quarter %s stored", p, quarter).isTrue();
            }
        }
        // 09:45 was still in its window at start-up: read once; 11:00 is not due before 11:01
        assertThat(h.meters.calls(ReadTask.CurvePoint.class)).hasSize(5 * 4);
        TaskStatistics curve = h.scheduler.statistics(LocalDate.of(2024, 5, 1)).orElseThrow().task(TaskKind.CURVE);
        assertThat(curve.expectedMeters()).isEqualTo(4);
        assertThat(curve.collectedMeters()).isEqualTo(4);
        assertThat(curve.perMille()).isEqualTo(1000);
        assertThat(curve.failedPoints()).isEmpty();
    }

    @Test
    void aWholeDayHas96PointsPerMeter() {
        Harness h = new Harness("Asia/Shanghai", "2024-05-01T23:59:00").archive(Meters.fleet(3, 1));
        h.runUntil("2024-05-03T00:00:00", MINUTE);

        long dayStart = h.millis("2024-05-02T00:00:00");
        long dayEnd = h.millis("2024-05-03T00:00:00");
        Map<Integer, Long> pointsPerMeter = h.meters.calls(ReadTask.CurvePoint.class).stream()
                .filter(c -> {
                    long q = ((ReadTask.CurvePoint) c.task()).quarterStartMillis();
                    return q >= dayStart && q < dayEnd;
                })
                .collect(Collectors.groupingBy(SimulatedMeters.Call::point, Collectors.counting()));
        assertThat(pointsPerMeter).containsOnly(Map.entry(1, 96L), Map.entry(2, 96L), Map.entry(3, 96L));
        long stored = h.sink.readings.keySet().stream()
                .filter(k -> k.kind() == ReadingKind.CURVE && k.quantity() == Quantity.ENERGY_FORWARD_ACTIVE_TOTAL)
                .filter(k -> k.dataTime() >= dayStart && k.dataTime() < dayEnd).count();
        assertThat(stored).isEqualTo(3 * 96);
    }

    @Test
    void aMissingPointIsRetriedInLaterRoundsOfItsWindowAndCountsAsFailedAtTheEnd() {
        Harness h = new Harness("Asia/Shanghai", "2024-05-01T09:59:00").archive(Meters.fleet(3, 1));
        long q1000 = h.millis("2024-05-01T10:00:00");
        long q1015 = h.millis("2024-05-01T10:15:00");
        // meter 2 misses the 10:00 point twice then answers; meter 3 never has the 10:15 point
        int[] misses = {0};
        h.meters.behave((m, t) -> {
            if (t.equals(new ReadTask.CurvePoint(q1000)) && m.point() == 2 && misses[0]++ < 2) {
                return SimulatedMeters.Answer.TIMEOUT;
            }
            if (t.equals(new ReadTask.CurvePoint(q1015)) && m.point() == 3) {
                return SimulatedMeters.Answer.TIMEOUT;
            }
            return SimulatedMeters.Answer.DATA;
        });
        h.runUntil("2024-05-01T10:40:00", MINUTE);

        List<Long> times = h.meters.calls.stream()
                .filter(c -> c.point() == 2 && c.task().equals(new ReadTask.CurvePoint(q1000)))
                .map(SimulatedMeters.Call::time).toList();
        assertThat(times).containsExactly(h.millis("2024-05-01T10:01:00"), h.millis("2024-05-01T10:06:00"),
                h.millis("2024-05-01T10:11:00"));
        assertThat(h.sink.has(new Reading.Key(2, ReadingKind.CURVE, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, q1000))).isTrue();
        assertThat(h.meters.calls.stream().filter(c -> c.point() == 3 && c.task().equals(new ReadTask.CurvePoint(q1015))))
                .hasSize(3);
        TaskStatistics curve = h.scheduler.statistics(LocalDate.of(2024, 5, 1)).orElseThrow().task(TaskKind.CURVE);
        assertThat(curve.failedPoints()).containsExactly(3);
        assertThat(curve.collectedMeters()).isEqualTo(2);
        assertThat(curve.perMille()).isEqualTo(666);
        // curve failures raise no events
        assertThat(h.sink.events).isEmpty();
    }
}
