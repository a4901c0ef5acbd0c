package org.openami.concentrator.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openami.concentrator.channel.Priority;
import org.openami.concentrator.model.EventType;
import org.openami.concentrator.model.MeterEvent;

/** The monthly freeze on the settlement day. {@link SimulatedMeters} stands in for the protocol masters. */
class MonthlyFreezeTest {

    private static final ReadTask APRIL = new ReadTask.MonthlyFreeze(YearMonth.of(2024, 4));

    @Test
    void readsThePreviousMonthOnTheFirstFrom0005Only() {
        Harness h = new Harness("Asia/Shanghai", "2024-04-30T23:00:00").archive(Meters.fleet(3, 1));
        h.runUntil("2024-05-01T00:04:00", Duration.ofMinutes(1));
        assertThat(h.meters.calls(ReadTask.MonthlyFreeze.class)).isEmpty();

        h.runUntil("2024-05-03T01:00:00", Duration.ofMinutes(1));
        List<SimulatedMeters.Call> monthly = h.meters.calls(ReadTask.MonthlyFreeze.class);
        assertThat(monthly).extracting(SimulatedMeters.Call::point).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(monthly).allSatisfy(c -> {
            assertThat(c.task()).isEqualTo(APRIL);
            assertThat(c.priority()).isEqualTo(Priority.SCHEDULED);
            assertThat(c.time()).isEqualTo(h.millis("2024-05-01T00:05:00"));
        });
        assertThat(h.sink.has(APRIL.key(2, h.zone).orElseThrow())).isTrue();
        TaskStatistics stats = h.scheduler.statistics(LocalDate.of(2024, 5, 1)).orElseThrow().task(TaskKind.MONTHLY_FREEZE);
        assertThat(stats.expectedMeters()).isEqualTo(3);
        assertThat(stats.perMille()).isEqualTo(1000);
        assertThat(h.scheduler.statistics(LocalDate.of(2024, 5, 2)).orElseThrow().task(TaskKind.MONTHLY_FREEZE).expectedMeters())
                .isZero();
    }

    @Test
    void aConfiguredSettlementDayMovesTheRead() {
        Harness h = new Harness(ZoneId.of("Asia/Shanghai"), LocalDateTime.parse("2024-04-30T23:00:00"),
                CollectorSettings.builder().settlementDay(15).build()).archive(Meters.fleet(2, 1));
        h.runUntil("2024-05-16T00:00:00", Duration.ofMinutes(5));
        List<SimulatedMeters.Call> monthly = h.meters.calls(ReadTask.MonthlyFreeze.class);
        assertThat(monthly).hasSize(2).allSatisfy(c -> {
            assertThat(c.task()).isEqualTo(APRIL);
            assertThat(c.time()).isEqualTo(h.millis("2024-05-15T00:05:00"));
        });
    }

    @Test
    void aMonthlyFreezeThatFailsAllDayRaisesCollectionFailed() {
        Harness h = new Harness("Asia/Shanghai", "2024-05-01T00:00:00").archive(Meters.fleet(2, 1));
        h.meters.behave((m, t) -> m.point() == 2 && t instanceof ReadTask.MonthlyFreeze
                ? SimulatedMeters.Answer.TIMEOUT : SimulatedMeters.Answer.DATA);
        h.runUntil("2024-05-01T23:30:00", Duration.ofMinutes(5));
        List<MeterEvent> events = h.sink.events(EventType.COLLECTION_FAILED);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).point()).isEqualTo(2);
        assertThat(events.get(0).detail()).contains("monthly freeze of 2024-04");
    }
}
