package org.openami.concentrator.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.openami.concentrator.archive.MeterRecord;
import org.openami.concentrator.channel.Priority;
import org.openami.concentrator.model.EventType;
import org.openami.concentrator.model.Reading;

/**
 * Misbehaving readers and stores: the scheduler logs, counts and goes on. The readers here are
 * deliberately broken test doubles standing in for buggy protocol adapters.
 */
class RobustnessTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void aReaderThatThrowsOrReturnsNothingIsCountedAndTheOthersAreCollected() {
        Harness base = new Harness("Asia/Shanghai", "2024-05-02T09:59:00");
        MeterReader broken = (m, t, p, a) -> {
            if (m.point() == 1) {
                throw new IllegalStateException("frame builder bug");
            }
            if (m.point() == 2) {
                return null;
            }
            return base.meters.read(m, t, p, a);
        };
        CollectionScheduler s = new CollectionScheduler(broken, base.sink, base.clock, base.zone, CollectorSettings.defaults());
        s.setMeters(Meters.fleet(3, 1));
        for (int i = 0; i < 30; i++) {
            assertThatCode(s::tick).doesNotThrowAnyException();
            base.clock.advance(MINUTE);
        }
        assertThat(s.counters().readerErrors()).isGreaterThanOrEqualTo(4);
        assertThat(s.counters().internalErrors()).isZero();
        assertThat(s.meterStatus(1).orElseThrow().lastFailure().orElseThrow().cause()).isEqualTo("IllegalStateException");
        assertThat(s.meterStatus(1).orElseThrow().lastFailure().orElseThrow().reason()).isEmpty();
        assertThat(base.sink.has(new ReadTask.CurvePoint(base.millis("2024-05-02T10:15:00")).key(3, base.zone).orElseThrow()))
                .isTrue();
    }

    @Test
    void aStoreThatRefusesReadingsMakesThemFailAndRetryLater() {
        Harness h = new Harness("Asia/Shanghai", "2024-05-02T09:59:00").archive(Meters.fleet(2, 1));
        h.sink.failAccept = true;
        h.runUntil("2024-05-02T10:03:00", MINUTE);
        assertThat(h.scheduler.counters().sinkErrors()).isPositive();
        assertThat(h.sink.readings).isEmpty();
        assertThat(h.scheduler.meterStatus(1).orElseThrow().lastFailure().orElseThrow().cause()).isEqualTo("STORE");

        h.sink.failAccept = false;
        h.runUntil("2024-05-02T10:08:00", MINUTE);
        // the 10:06 retry round read the 10:00 point again and it is stored now
        assertThat(h.sink.has(new ReadTask.CurvePoint(h.millis("2024-05-02T10:00:00")).key(1, h.zone).orElseThrow())).isTrue();
    }

    @Test
    void aStoreThatCannotAnswerLookupsOrTakeEventsIsCounted() {
        Harness h = new Harness(ZoneId.of("Asia/Shanghai"), LocalDateTime.parse("2024-05-02T00:00:00"),
                CollectorSettings.builder().maxRounds(1).backfillDays(0).build()).archive(Meters.fleet(2, 1));
        h.sink.failHas = true;
        h.sink.failEvent = true;
        h.meters.behave((m, t) -> m.point() == 2 && t instanceof ReadTask.DailyFreeze
                ? SimulatedMeters.Answer.TIMEOUT : SimulatedMeters.Answer.DATA);
        assertThatCode(() -> h.runUntil("2024-05-02T00:20:00", MINUTE)).doesNotThrowAnyException();
        // look-ups failed: the meters were read anyway; the event for meter 2 was refused and counted
        assertThat(h.meters.calls(ReadTask.DailyFreeze.class)).hasSize(2);
        assertThat(h.sink.events).isEmpty();
        assertThat(h.scheduler.counters().sinkErrors()).isGreaterThanOrEqualTo(3);
        assertThat(h.scheduler.counters().internalErrors()).isZero();

        h.sink.failHas = false;
        h.sink.failEvent = false;
        h.runUntil("2024-05-02T00:40:00", MINUTE);
        assertThat(h.sink.readings).isNotEmpty();
    }

    @Test
    void readingsOfAnotherPointAreDropped() {
        Harness base = new Harness("Asia/Shanghai", "2024-05-02T10:00:30");
        MeterReader wrong = (m, t, p, a) -> CompletableFuture.completedFuture(
                base.meters.readings(Meters.dlt645(m.point() + 100, m.channel()), t));
        CollectionScheduler s = new CollectionScheduler(wrong, base.sink, base.clock, base.zone, CollectorSettings.defaults());
        s.setMeters(Meters.fleet(1, 1));
        s.tick();
        base.clock.advance(Duration.ofSeconds(1));
        s.tick();
        assertThat(s.counters().foreignReadings()).isPositive();
        assertThat(base.sink.readings).isEmpty();
    }

    @Test
    void aReadThatNeverCompletesFreesItsSlotAfterStuckAfterTicks() {
        Harness h = new Harness(ZoneId.of("Asia/Shanghai"), LocalDateTime.parse("2024-05-02T10:00:30"),
                CollectorSettings.builder().maxInFlightPerChannel(1).stuckAfterTicks(10).backfillDays(0).build())
                .archive(Meters.fleet(2, 1));
        h.meters.behave((m, t) -> m.point() == 1 ? SimulatedMeters.Answer.HOLD : SimulatedMeters.Answer.DATA);
        h.tick();
        assertThat(h.meters.calls).hasSize(1);                         // point 1 holds the only slot
        for (int i = 0; i < 10; i++) {
            h.clock.advance(Duration.ofSeconds(1));
            h.tick();
        }
        assertThat(h.meters.calls).hasSize(1);
        h.clock.advance(Duration.ofSeconds(1));
        h.tick();
        assertThat(h.scheduler.counters().stuckReads()).isEqualTo(1);
        assertThat(h.meters.calls.stream().filter(c -> c.point() == 2)).isNotEmpty();
        assertThat(h.scheduler.meterStatus(1).orElseThrow().lastFailure().orElseThrow().cause()).isEqualTo("STUCK");

        // the late reply is still stored
        SimulatedMeters.Held late = h.meters.takeHeld().get(0);
        late.future().complete(h.meters.readings(late.meter(), late.task()));
        h.clock.advance(Duration.ofSeconds(1));
        h.tick();
        assertThat(h.sink.has(late.task().key(1, h.zone).orElseThrow())).isTrue();
        assertThat(h.scheduler.counters().lateReplies()).isEqualTo(1);
    }

    @Test
    void completionsFromManyThreadsAreSafe() throws Exception {
        Harness h = new Harness(ZoneId.of("Asia/Shanghai"), LocalDateTime.parse("2024-05-02T10:00:30"),
                CollectorSettings.builder().backfillDays(0).maxInFlightPerChannel(3).build());
        List<MeterRecord> fleet = Meters.fleet(400, 8);
        h.archive(fleet);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            MeterReader async = (m, t, p, a) -> CompletableFuture.supplyAsync(() -> h.meters.readings(m, t), pool);
            CollectionScheduler s = new CollectionScheduler(async, h.sink, h.clock, h.zone, h.settings);
            s.setMeters(fleet);
            // the clock stands still (all within the windows open at 10:00:30); wait at most ~20 s for the pool
            for (int i = 0; i < 4000 && (h.sink.readings.size() < 400 * 2 * 2 || s.inFlightReads() > 0); i++) {
                s.tick();
                Thread.sleep(5);
            }
            s.tick();
            // curve 09:45 (still in its window at 10:00:30) and yesterday's daily freeze, 2 readings each
            assertThat(h.sink.readings).hasSize(400 * 2 * 2);
            assertThat(s.counters().succeeded()).isEqualTo(800);
            assertThat(s.counters().internalErrors()).isZero();
            assertThat(s.inFlightReads()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anOnDemandReaderFailureIsReportedThroughTheFuture() {
        Harness base = new Harness("Asia/Shanghai", "2024-05-02T10:00:30");
        MeterReader failing = (m, t, p, a) -> {
            if (p == Priority.ON_DEMAND) {
                throw new IllegalStateException("port closed");
            }
            return base.meters.read(m, t, p, a);
        };
        CollectionScheduler s = new CollectionScheduler(failing, base.sink, base.clock, base.zone, CollectorSettings.defaults());
        s.setMeters(Meters.fleet(1, 1));
        CompletableFuture<List<Reading>> f = s.readNow(1, java.util.Set.of(org.openami.concentrator.model.Quantity.VOLTAGE_A));
        assertThat(f).isCompletedExceptionally();
        assertThat(s.counters().readerErrors()).isEqualTo(1);
        assertThat(base.sink.events(EventType.COLLECTION_FAILED)).isEmpty();
    }
}
