package org.openami.concentrator.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The clock jumps forward over several quarters or back (NTP step, RTC reset, time sync from
 * the master station). {@link SimulatedMeters} stands in for the protocol masters.
 */
class ClockStepTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void aForwardJumpReadsOnlyTheCurrentQuarterAndCountsSkippedOnesMissed() {
        Harness h = new Harness("Asia/Shanghai", "2024-05-02T09:59:00").archive(Meters.fleet(10, 2));
        h.runUntil("2024-05-02T10:20:00", MINUTE);
        h.meters.calls.clear();

        h.jumpTo("2024-05-02T12:05:00");
        // one tick: only the 12:00 point, one read per meter; no storm of the 10:30 .. 11:45 points
        assertThat(h.meters.calls(ReadTask.CurvePoint.class)).hasSize(10).allSatisfy(c ->
                assertThat(c.task()).isEqualTo(new ReadTask.CurvePoint(h.millis("2024-05-02T12:00:00"))));
        assertThat(h.scheduler.counters().missedQuarters()).isEqualTo(6);
        assertThat(h.scheduler.counters().clockJumpsForward()).isEqualTo(1);
        TaskStatistics curve = h.scheduler.statistics(LocalDate.of(2024, 5, 2)).orElseThrow().task(TaskKind.CURVE);
        assertThat(curve.failedPoints()).hasSize(10);
        assertThat(curve.perMille()).isZero();

        h.runUntil("2024-05-02T12:40:00", MINUTE);
        assertThat(h.meters.calls(ReadTask.CurvePoint.class)).hasSize(30);
    }

    @Test
    void aForwardJumpOverSeveralDaysStartsOnlyCurrentWorkAndLeavesDaysToBackfill() {
        Harness h = new Harness("Asia/Shanghai", "2024-05-02T09:59:00").archive(Meters.fleet(4, 1));
        h.runUntil("2024-05-02T10:20:00", MINUTE);
        h.meters.calls.clear();

        h.jumpTo("2024-05-06T10:00:00");
        List<SimulatedMeters.Call> calls = h.meters.calls;
        // the current quarter, yesterday's freeze and three back-fill days: 5 reads per meter, not hundreds
        assertThat(calls).hasSize(4 * 5);
        // 10:30 on 05-02 .. 09:30 on 05-06 (09:45 is still in its window at 10:00)
        assertThat(h.scheduler.counters().missedQuarters()).isEqualTo(4 * 96 - 4 + 1);
    }

    @Test
    void aBackwardJumpDoesNotReadAgainWhatTheStoreHas() {
        Harness h = new Harness("Asia/Shanghai", "2024-05-02T09:59:00").archive(Meters.fleet(6, 2));
        h.runUntil("2024-05-02T11:00:00", MINUTE);
        h.meters.audit = h.sink;
        h.meters.calls.clear();

        h.jumpTo("2024-05-02T10:10:00");
        h.runUntil("2024-05-02T11:05:00", MINUTE);
        assertThat(h.meters.violations).isEmpty();
        // nothing before 11:00 was read again; the 11:00 point was read once
        assertThat(h.meters.calls(ReadTask.CurvePoint.class)).hasSize(6).allSatisfy(c ->
                assertThat(c.task()).isEqualTo(new ReadTask.CurvePoint(h.millis("2024-05-02T11:00:00"))));
        assertThat(h.scheduler.counters().clockJumpsBackward()).isEqualTo(1);
    }

    @Test
    void aBackwardJumpRetriesWhatIsStillMissing() {
        Harness h = new Harness("Asia/Shanghai", "2024-05-02T09:59:00").archive(Meters.fleet(3, 1));
        long q1015 = h.millis("2024-05-02T10:15:00");
        boolean[] meterAnswers = {false};
        h.meters.behave((m, t) -> m.point() == 2 && t.equals(new ReadTask.CurvePoint(q1015)) && !meterAnswers[0]
                ? SimulatedMeters.Answer.TIMEOUT : SimulatedMeters.Answer.DATA);
        h.runUntil("2024-05-02T10:40:00", MINUTE);
        meterAnswers[0] = true;
        h.meters.audit = h.sink;
        h.meters.calls.clear();

        h.jumpTo("2024-05-02T10:12:00");
        h.runUntil("2024-05-02T10:25:00", MINUTE);
        assertThat(h.meters.violations).isEmpty();
        assertThat(h.meters.calls(ReadTask.CurvePoint.class)).extracting(SimulatedMeters.Call::point).containsExactly(2);
        assertThat(h.sink.has(new ReadTask.CurvePoint(q1015).key(2, h.zone).orElseThrow())).isTrue();
    }

    @Test
    void aBackwardJumpOverMidnightDoesNotReadTheDailyFreezeAgain() {
        Harness h = new Harness("Asia/Shanghai", "2024-05-02T00:00:00").archive(Meters.fleet(4, 1));
        h.runUntil("2024-05-02T00:30:00", MINUTE);
        assertThat(h.meters.calls(ReadTask.DailyFreeze.class)).isNotEmpty();
        h.meters.audit = h.sink;
        h.meters.calls.clear();

        h.jumpTo("2024-05-01T23:50:00");
        h.runUntil("2024-05-02T01:00:00", MINUTE);
        assertThat(h.meters.violations).isEmpty();
        assertThat(h.meters.calls(ReadTask.DailyFreeze.class)).isEmpty();
        assertThat(h.sink.events).isEmpty();
    }
}
