package org.openami.concentrator.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openami.concentrator.channel.Priority;
import org.openami.concentrator.model.EventType;
import org.openami.concentrator.model.MeterEvent;

/**
 * Back-fill of missing daily freezes after the concentrator was off, and
 * {@link EventType#BACKFILL_FAILED}. {@link SimulatedMeters} stands in for the protocol masters
 * (see its Javadoc); {@link MemorySink} for the store, which survives the restart.
 */
class BackfillTest {

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private static ReadTask day(String d) {
        return new ReadTask.DailyFreeze(LocalDate.parse(d));
    }

    /** Day 1 collected normally, then off from 2024-05-01 12:00 to 2024-05-05 10:00. */
    private static Harness afterThreeDayOutage() {
        Harness h = new Harness("Asia/Shanghai", "2024-05-01T00:00:00").archive(Meters.fleet(6, 2));
        h.runUntil("2024-05-01T12:00:00", FIVE_MINUTES);
        assertThat(h.sink.has(day("2024-04-30").key(1, h.zone).orElseThrow())).isTrue();
        h.meters.calls.clear();
        h.clock.set(h.at("2024-05-05T10:00:00"));
        h.restart();
        return h;
    }

    @Test
    void readsTheThreeMissingDaysAtBulkPriorityAfterAThreeDayOutage() {
        Harness h = afterThreeDayOutage();
        h.tick();

        List<SimulatedMeters.Call> freezes = h.meters.calls(ReadTask.DailyFreeze.class);
        List<SimulatedMeters.Call> bulk = freezes.stream().filter(c -> c.priority() == Priority.BULK).toList();
        assertThat(bulk.stream().map(SimulatedMeters.Call::task).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(day("2024-05-01"), day("2024-05-02"), day("2024-05-03"));
        assertThat(bulk).hasSize(3 * 6);
        // yesterday's freeze is the daily window's, at scheduled priority
        assertThat(freezes.stream().filter(c -> c.priority() == Priority.SCHEDULED).map(SimulatedMeters.Call::task))
                .containsOnly(day("2024-05-04")).hasSize(6);
        // already stored: not read again
        assertThat(freezes).noneMatch(c -> c.task().equals(day("2024-04-30")));
        // on each channel scheduled work went out before bulk work
        for (String channel : List.of("rs485-1", "rs485-2")) {
            List<SimulatedMeters.Call> onChannel = h.meters.calls.stream().filter(c -> c.channel().equals(channel)).toList();
            int lastScheduled = -1;
            int firstBulk = Integer.MAX_VALUE;
            for (int i = 0; i < onChannel.size(); i++) {
                if (onChannel.get(i).priority() == Priority.SCHEDULED) {
                    lastScheduled = i;
                } else if (onChannel.get(i).priority() == Priority.BULK) {
                    firstBulk = Math.min(firstBulk, i);
                }
            }
            assertThat(lastScheduled).isLessThan(firstBulk);
        }

        h.runUntil("2024-05-05T23:30:00", FIVE_MINUTES);
        for (int p = 1; p <= 6; p++) {
            for (String d : List.of("2024-04-30", "2024-05-01", "2024-05-02", "2024-05-03", "2024-05-04")) {
                assertThat(h.sink.has(day(d).key(p, h.zone).orElseThrow())).as("point %d day %s", p, d).isTrue();
            }
        }
        assertThat(h.sink.events).isEmpty();
        TaskStatistics backfill = h.scheduler.statistics(LocalDate.of(2024, 5, 5)).orElseThrow().task(TaskKind.BACKFILL);
        assertThat(backfill.expectedMeters()).isEqualTo(6);
        assertThat(backfill.collectedMeters()).isEqualTo(6);
        assertThat(h.scheduler.meterStatus(4).orElseThrow().lastSuccess()).containsKey(TaskKind.BACKFILL);
    }

    @Test
    void onlyMissingDaysOfEachMeterAreRead() {
        Harness h = afterThreeDayOutage();
        // meter 2's freeze of 05-02 reached the store some other way
        h.sink.put(h.meters.readings(Meters.dlt645(2, "rs485-2"), day("2024-05-02")).get(0));
        h.tick();

        Set<ReadTask> meter2 = h.meters.calls.stream().filter(c -> c.point() == 2 && c.priority() == Priority.BULK)
                .map(SimulatedMeters.Call::task).collect(Collectors.toSet());
        assertThat(meter2).containsExactlyInAnyOrder(day("2024-05-01"), day("2024-05-03"));
    }

    @Test
    void aDayTheMeterCannotProvideRaisesBackfillFailedNamingMeterAndDay() {
        Harness h = afterThreeDayOutage();
        // meter 5 was replaced during the outage: it has no freezes older than yesterday
        h.meters.behave((m, t) -> m.point() == 5 && t instanceof ReadTask.DailyFreeze f
                && f.daysBack(LocalDate.of(2024, 5, 5)) > 1 ? SimulatedMeters.Answer.TIMEOUT : SimulatedMeters.Answer.DATA);
        h.runUntil("2024-05-05T22:30:00", FIVE_MINUTES);
        assertThat(h.sink.events(EventType.BACKFILL_FAILED)).as("not before the window ends").isEmpty();

        h.runUntil("2024-05-05T23:30:00", FIVE_MINUTES);
        List<MeterEvent> events = h.sink.events(EventType.BACKFILL_FAILED);
        assertThat(events).extracting(MeterEvent::point).containsOnly(5);
        assertThat(events).extracting(MeterEvent::detail).anySatisfy(d -> assertThat(d).contains("2024-05-01"))
                .anySatisfy(d -> assertThat(d).contains("2024-05-02"))
                .anySatisfy(d -> assertThat(d).contains("2024-05-03"))
                .allSatisfy(d -> assertThat(d).contains("not back-filled").contains("TIMEOUT"));
        assertThat(events).hasSize(3);
        assertThat(h.sink.events(EventType.COLLECTION_FAILED)).isEmpty();
        TaskStatistics backfill = h.scheduler.statistics(LocalDate.of(2024, 5, 5)).orElseThrow().task(TaskKind.BACKFILL);
        assertThat(backfill.failedPoints()).containsExactly(5);
        assertThat(backfill.perMille()).isEqualTo(833);
    }

    @Test
    void backfillRunsEveryDayAndLooksOnlyBackfillDaysBeforeYesterday() {
        Harness h = new Harness(java.time.ZoneId.of("Asia/Shanghai"), java.time.LocalDateTime.parse("2024-05-01T23:00:00"),
                CollectorSettings.builder().backfillDays(2).build()).archive(Meters.fleet(1, 1));
        h.runUntil("2024-05-03T01:00:00", FIVE_MINUTES);
        List<ReadTask> bulk = h.meters.calls.stream().filter(c -> c.priority() == Priority.BULK)
                .map(SimulatedMeters.Call::task).toList();
        // 05-02 run: 04-29, 04-30; 05-03 run: 04-30 already stored, 05-01 stored by the daily window of 05-02
        assertThat(bulk).containsExactly(day("2024-04-29"), day("2024-04-30"));
    }
}
