package org.openami.concentrator.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openami.concentrator.archive.MeterRecord;

/** {@code setMeters} at run time. {@link SimulatedMeters} stands in for the protocol masters. */
class ArchiveChangeTest {

    @Test
    void aNewMeterJoinsTheNextRoundAndARemovedOneIsDropped() {
        Harness h = new Harness("Asia/Shanghai", "2024-05-01T09:59:00").archive(Meters.fleet(3, 1));
        // meter 1 misses the 10:00 point, so that window has more rounds
        long q1000 = h.millis("2024-05-01T10:00:00");
        h.meters.behave((m, t) -> m.point() == 1 && t.equals(new ReadTask.CurvePoint(q1000))
                ? SimulatedMeters.Answer.TIMEOUT : SimulatedMeters.Answer.DATA);
        h.runUntil("2024-05-01T10:03:00", Duration.ofMinutes(1));

        List<MeterRecord> changed = new ArrayList<>(Meters.fleet(3, 1));
        changed.remove(1);                                  // point 2 leaves
        changed.add(Meters.dlt645(4, "rs485-1"));           // point 4 joins
        h.scheduler.setMeters(changed);
        h.runUntil("2024-05-01T10:31:00", Duration.ofMinutes(1));

        List<SimulatedMeters.Call> four = h.meters.calls.stream().filter(c -> c.point() == 4).toList();
        assertThat(four).extracting(SimulatedMeters.Call::task).contains(new ReadTask.CurvePoint(q1000),
                new ReadTask.CurvePoint(h.millis("2024-05-01T10:15:00")), new ReadTask.CurvePoint(h.millis("2024-05-01T10:30:00")));
        assertThat(four.get(0).time()).isEqualTo(h.millis("2024-05-01T10:06:00"));
        assertThat(h.meters.calls.stream().filter(c -> c.point() == 2 && c.time() > h.millis("2024-05-01T10:03:00"))).isEmpty();
        assertThat(h.scheduler.meterStatus(2)).isEmpty();
        assertThat(h.scheduler.meterStatus(4)).isPresent();
        TaskStatistics curve = h.scheduler.statistics(LocalDate.of(2024, 5, 1)).orElseThrow().task(TaskKind.CURVE);
        assertThat(curve.expectedMeters()).isEqualTo(4);   // 2 was expected earlier in the day and collected
    }

    @Test
    void aMeterMovedToAnotherChannelIsReadThere() {
        Harness h = new Harness("Asia/Shanghai", "2024-05-01T09:59:00").archive(Meters.fleet(2, 1));
        h.runUntil("2024-05-01T10:05:00", Duration.ofMinutes(1));
        h.scheduler.setMeters(List.of(Meters.dlt645(1, "rs485-1"), Meters.dlt645(2, "plc-1")));
        h.runUntil("2024-05-01T10:20:00", Duration.ofMinutes(1));
        SimulatedMeters.Call last = h.meters.calls.stream().filter(c -> c.point() == 2).reduce((a, b) -> b).orElseThrow();
        assertThat(last.channel()).isEqualTo("plc-1");
        assertThat(last.task()).isEqualTo(new ReadTask.CurvePoint(h.millis("2024-05-01T10:15:00")));
    }

    @Test
    void anArchiveWithTwoMetersOnOnePointIsRefused() {
        Harness h = new Harness("Asia/Shanghai", "2024-05-01T09:59:00");
        assertThatThrownBy(() -> h.scheduler.setMeters(List.of(Meters.dlt645(5, "a"), Meters.dlt645(5, "b"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("point 5 appears twice");
    }
}
