package org.openami.concentrator.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openami.concentrator.channel.FailureReason;
import org.openami.concentrator.channel.Priority;
import org.openami.concentrator.model.EventType;
import org.openami.concentrator.model.MeterEvent;

/**
 * The daily freeze window (00:05..23:00, rounds every 30 minutes), retries and
 * {@link EventType#COLLECTION_FAILED}. {@link SimulatedMeters} stands in for the protocol
 * masters (see its Javadoc).
 */
class DailyFreezeTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final ReadTask MAY_1 = new ReadTask.DailyFreeze(LocalDate.of(2024, 5, 1));

    private static CollectorSettings noBackfill() {
        return CollectorSettings.builder().backfillDays(0).build();
    }

    private static Harness harness(String start, CollectorSettings s) {
        return new Harness(java.time.ZoneId.of("Asia/Shanghai"), java.time.LocalDateTime.parse(start), s);
    }

    @Test
    void readsYesterdaysFreezeFrom0005AndNotBefore() {
        Harness h = new Harness("Asia/Shanghai", "2024-05-01T23:50:00").archive(Meters.fleet(5, 2));
        h.runUntil("2024-05-02T00:04:59", Duration.ofSeconds(1));
        assertThat(h.meters.calls(ReadTask.DailyFreeze.class)).isEmpty();

        h.clock.advance(Duration.ofSeconds(1));
        h.runUntil("2024-05-02T00:30:00", MINUTE);
        List<SimulatedMeters.Call> daily = h.meters.calls.stream().filter(c -> c.task().equals(MAY_1)).toList();
        assertThat(daily).extracting(SimulatedMeters.Call::point).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        assertThat(daily).allSatisfy(c -> {
            assertThat(c.time()).isEqualTo(h.millis("2024-05-02T00:05:00"));
            assertThat(c.priority()).isEqualTo(Priority.SCHEDULED);
        });
        assertThat(h.sink.has(MAY_1.key(3, h.zone).orElseThrow())).isTrue();
    }

    @Test
    void aFailedMeterIsRetriedInLaterRoundsNotImmediately() {
        Harness h = harness("2024-05-02T00:00:00", noBackfill()).archive(Meters.fleet(5, 1));
        int[] misses = {0};
        h.meters.behave((m, t) -> m.point() == 2 && t.equals(MAY_1) && misses[0]++ < 2
                ? SimulatedMeters.Answer.TIMEOUT : SimulatedMeters.Answer.DATA);
        h.runUntil("2024-05-02T02:00:00", MINUTE);

        List<Long> times = h.meters.calls.stream().filter(c -> c.point() == 2 && c.task().equals(MAY_1))
                .map(SimulatedMeters.Call::time).toList();
        assertThat(times).containsExactly(h.millis("2024-05-02T00:05:00"), h.millis("2024-05-02T00:35:00"),
                h.millis("2024-05-02T01:05:00"));
        // the others were read once
        assertThat(h.meters.calls.stream().filter(c -> c.task().equals(MAY_1) && c.point() != 2)).hasSize(4);
        assertThat(h.sink.events).isEmpty();
        TaskStatistics daily = h.scheduler.statistics(LocalDate.of(2024, 5, 2)).orElseThrow().task(TaskKind.DAILY_FREEZE);
        assertThat(daily.collectedMeters()).isEqualTo(5);
        assertThat(daily.perMille()).isEqualTo(1000);
    }

    @Test
    void aMeterStillFailingWhenTheWindowEndsRaisesCollectionFailed() {
        Harness h = harness("2024-05-02T00:00:00", noBackfill()).archive(Meters.fleet(5, 1));
        h.meters.behave((m, t) -> m.point() == 3 && t instanceof ReadTask.DailyFreeze
                ? SimulatedMeters.Answer.TIMEOUT : SimulatedMeters.Answer.DATA);

        h.runUntil("2024-05-02T22:30:00", MINUTE);
        assertThat(h.sink.events(EventType.COLLECTION_FAILED)).as("no event while rounds remain").isEmpty();
        TaskStatistics during = h.scheduler.statistics(LocalDate.of(2024, 5, 2)).orElseThrow().task(TaskKind.DAILY_FREEZE);
        assertThat(during.pendingMeters()).isEqualTo(1);
        assertThat(during.failedPoints()).isEmpty();

        h.runUntil("2024-05-02T23:30:00", MINUTE);
        List<SimulatedMeters.Call> calls = h.meters.calls.stream().filter(c -> c.point() == 3 && c.task().equals(MAY_1)).toList();
        // rounds at 00:05 + k * 30 min while before 23:00: 00:05 .. 22:35
        assertThat(calls).hasSize(46);
        assertThat(calls.get(45).time()).isEqualTo(h.millis("2024-05-02T22:35:00"));
        for (int i = 1; i < calls.size(); i++) {
            assertThat(calls.get(i).time() - calls.get(i - 1).time()).isEqualTo(30 * 60_000L);
        }
        List<MeterEvent> events = h.sink.events(EventType.COLLECTION_FAILED);
        assertThat(events).hasSize(1);
        MeterEvent e = events.get(0);
        assertThat(e.point()).isEqualTo(3);
        assertThat(e.meter()).isEqualTo(Meters.dlt645(3, "x").address());
        assertThat(e.detail()).contains("daily freeze of 2024-05-01").contains("46 round").contains("TIMEOUT");
        assertThat(e.time()).isBetween(h.millis("2024-05-02T22:35:00"), h.millis("2024-05-02T23:00:00"));

        TaskStatistics daily = h.scheduler.statistics(LocalDate.of(2024, 5, 2)).orElseThrow().task(TaskKind.DAILY_FREEZE);
        assertThat(daily.expectedMeters()).isEqualTo(5);
        assertThat(daily.collectedMeters()).isEqualTo(4);
        assertThat(daily.perMille()).isEqualTo(800);
        assertThat(daily.failedPoints()).containsExactly(3);
        assertThat(daily.pendingMeters()).isZero();
    }

    @Test
    void roundsAreBoundedByMaxRoundsAndChannelAttemptsArePassed() {
        Harness h = harness("2024-05-02T00:00:00", noBackfill().toBuilder().maxRounds(3).channelAttempts(2).build())
                .archive(Meters.fleet(2, 1));
        h.meters.behave((m, t) -> m.point() == 1 && t.equals(MAY_1) ? SimulatedMeters.Answer.TIMEOUT : SimulatedMeters.Answer.DATA);
        h.runUntil("2024-05-02T03:00:00", MINUTE);

        List<SimulatedMeters.Call> calls = h.meters.calls.stream().filter(c -> c.point() == 1 && c.task().equals(MAY_1)).toList();
        assertThat(calls).extracting(SimulatedMeters.Call::time).containsExactly(h.millis("2024-05-02T00:05:00"),
                h.millis("2024-05-02T00:35:00"), h.millis("2024-05-02T01:05:00"));
        assertThat(h.meters.calls).allSatisfy(c -> assertThat(c.attempts()).isEqualTo(2));
        // nothing more to try: the window closes after the last round instead of waiting for 23:00
        MeterEvent e = h.sink.events(EventType.COLLECTION_FAILED).get(0);
        assertThat(e.point()).isEqualTo(1);
        assertThat(e.time()).isLessThan(h.millis("2024-05-02T01:10:00"));
    }

    @Test
    void aRefusalIsNotRetriedInTheWindow() {
        Harness h = harness("2024-05-02T00:00:00", noBackfill()).archive(Meters.fleet(2, 1));
        h.meters.behave((m, t) -> m.point() == 2 && t.equals(MAY_1) ? SimulatedMeters.Answer.REFUSED : SimulatedMeters.Answer.DATA);
        h.runUntil("2024-05-02T03:00:00", MINUTE);

        assertThat(h.meters.calls.stream().filter(c -> c.point() == 2 && c.task().equals(MAY_1))).hasSize(1);
        MeterEvent e = h.sink.events(EventType.COLLECTION_FAILED).get(0);
        assertThat(e.detail()).contains(FailureReason.REFUSED.name());
        MeterStatus s = h.scheduler.meterStatus(2).orElseThrow();
        assertThat(s.lastFailure().orElseThrow().reason()).contains(FailureReason.REFUSED);
    }

    @Test
    void aMeterThatHasNoFreezesIsLeftOutNotFailed() {
        Harness h = harness("2024-05-02T00:00:00", noBackfill())
                .archive(List.of(Meters.dlt645(1, "rs485-1"), Meters.modbus(2, 7, "rs485-2")));
        h.meters.behave((m, t) -> m.point() == 2 && !(t instanceof ReadTask.CurvePoint)
                ? SimulatedMeters.Answer.UNSUPPORTED : SimulatedMeters.Answer.DATA);
        h.runUntil("2024-05-02T23:30:00", Duration.ofMinutes(5));

        assertThat(h.meters.calls.stream().filter(c -> c.point() == 2 && c.task().equals(MAY_1))).hasSize(1);
        assertThat(h.sink.events).isEmpty();
        TaskStatistics daily = h.scheduler.statistics(LocalDate.of(2024, 5, 2)).orElseThrow().task(TaskKind.DAILY_FREEZE);
        assertThat(daily.expectedMeters()).isEqualTo(1);
        assertThat(daily.perMille()).isEqualTo(1000);
        assertThat(h.scheduler.counters().unsupported()).isEqualTo(1);
    }
}
