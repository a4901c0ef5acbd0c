package org.openami.concentrator.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openami.concentrator.channel.Priority;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;

/**
 * At most {@code maxInFlightPerChannel} scheduled reads per channel; on-demand reads are not
 * held back. {@link SimulatedMeters} stands in for the protocol masters and holds reads until
 * the test completes them, as a slow bus would.
 */
class BackPressureAndOnDemandTest {

    private static Harness held(int meters, int channels, int maxInFlight) {
        Harness h = new Harness(ZoneId.of("Asia/Shanghai"), LocalDateTime.parse("2024-05-02T10:00:30"),
                CollectorSettings.builder().maxInFlightPerChannel(maxInFlight).backfillDays(0).build())
                .archive(Meters.fleet(meters, channels));
        h.meters.behave((m, t) -> SimulatedMeters.Answer.HOLD);
        return h;
    }

    @Test
    void keepsAtMostMaxInFlightPerChannelAndRefillsAsReadsComplete() {
        Harness h = held(30, 3, 2);
        h.clock.set(h.at("2024-05-02T10:16:00"));
        h.tick();
        for (String ch : List.of("rs485-1", "rs485-2", "rs485-3")) {
            assertThat(h.meters.outstanding(ch)).isEqualTo(2);
        }
        assertThat(h.scheduler.inFlightReads()).isEqualTo(6);
        // the 10:15 curve point and (first start-up of the day) yesterday's daily freeze wait for slots
        assertThat(h.scheduler.queuedReads()).isEqualTo(2 * 30 - 6);

        // completing one read on rs485-2 sends the next read of rs485-2 at once, from the completing thread
        List<SimulatedMeters.Held> initial = new java.util.ArrayList<>(h.meters.takeHeld());
        SimulatedMeters.Held first = initial.stream().filter(x -> x.meter().channel().equals("rs485-2"))
                .findFirst().orElseThrow();
        initial.remove(first);
        int before = h.meters.calls.size();
        first.future().complete(h.meters.readings(first.meter(), first.task()));
        assertThat(h.meters.calls.size()).isEqualTo(before + 1);
        assertThat(h.meters.calls.get(before).channel()).isEqualTo("rs485-2");
        assertThat(h.meters.outstanding("rs485-2")).isEqualTo(2);

        // drain everything, a few at a time, ticking in between
        for (int i = 0; i < 40 && (h.meters.heldCount() > 0 || h.scheduler.queuedReads() > 0 || !initial.isEmpty()); i++) {
            initial.addAll(h.meters.takeHeld());
            for (SimulatedMeters.Held x : initial) {
                x.future().complete(h.meters.readings(x.meter(), x.task()));
            }
            initial.clear();
            h.clock.advance(Duration.ofSeconds(1));
            h.tick();
        }
        for (String ch : List.of("rs485-1", "rs485-2", "rs485-3")) {
            assertThat(h.meters.maxOutstanding(ch)).isEqualTo(2);
        }
        long q = h.millis("2024-05-02T10:15:00");
        for (int p = 1; p <= 30; p++) {
            assertThat(h.sink.has(new ReadTask.CurvePoint(q).key(p, h.zone).orElseThrow())).as("point %d", p).isTrue();
        }
    }

    @Test
    void theMostUrgentWindowGoesFirstOnAChannel() {
        Harness h = held(4, 1, 1);
        h.meters.behave((m, t) -> SimulatedMeters.Answer.DATA);
        h.clock.set(h.at("2024-05-03T00:05:00"));
        h.tick();
        // at 00:05 the daily freeze (closes 23:00) and the 00:00 curve point (closes 00:16) are both due:
        // the curve point's window ends first, so it goes first
        List<SimulatedMeters.Call> calls = h.meters.calls;
        assertThat(calls.subList(0, 4)).allSatisfy(c -> assertThat(c.task()).isInstanceOf(ReadTask.CurvePoint.class));
        assertThat(calls.subList(4, 8)).allSatisfy(c -> assertThat(c.task()).isInstanceOf(ReadTask.DailyFreeze.class));
    }

    @Test
    void anOnDemandReadIsSentAtOnceWithOnDemandPriorityWhileScheduledReadsWait() throws Exception {
        Harness h = held(10, 1, 2);
        h.clock.set(h.at("2024-05-02T10:16:00"));
        h.tick();
        assertThat(h.meters.outstanding("rs485-1")).isEqualTo(2);
        assertThat(h.scheduler.queuedReads()).isEqualTo(2 * 10 - 2);

        CompletableFuture<List<Reading>> f = h.scheduler.readNow(7, Set.of(Quantity.VOLTAGE_A, Quantity.ACTIVE_POWER_TOTAL));
        SimulatedMeters.Call last = h.meters.calls.get(h.meters.calls.size() - 1);
        assertThat(last.point()).isEqualTo(7);
        assertThat(last.priority()).isEqualTo(Priority.ON_DEMAND);
        assertThat(last.task()).isEqualTo(new ReadTask.Realtime(Set.of(Quantity.VOLTAGE_A, Quantity.ACTIVE_POWER_TOTAL)));
        assertThat(f).isNotDone();

        SimulatedMeters.Held onDemand = h.meters.takeHeld().stream().filter(x -> x.task() instanceof ReadTask.Realtime)
                .findFirst().orElseThrow();
        onDemand.future().complete(h.meters.readings(onDemand.meter(), onDemand.task()));
        assertThat(f.get(1, TimeUnit.SECONDS)).extracting(Reading::quantity)
                .containsExactlyInAnyOrder(Quantity.VOLTAGE_A, Quantity.ACTIVE_POWER_TOTAL);
        // the scheduled limit was not touched, and on-demand readings are not stored by the scheduler
        assertThat(h.meters.outstanding("rs485-1")).isEqualTo(2);
        h.clock.advance(Duration.ofSeconds(1));
        h.tick();
        assertThat(h.sink.readings.keySet()).noneMatch(k -> k.kind() == org.openami.concentrator.model.ReadingKind.REALTIME);
        assertThat(h.scheduler.meterStatus(7).orElseThrow().lastSuccess()).containsKey(TaskKind.REALTIME);
        assertThat(h.scheduler.counters().onDemand()).isEqualTo(1);
    }

    @Test
    void anOnDemandReadOfAnUnknownPointFails() {
        Harness h = held(2, 1, 2);
        CompletableFuture<List<Reading>> f = h.scheduler.readNow(77, Set.of(Quantity.VOLTAGE_A));
        assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("point 77 is not in the archive");
        assertThatThrownBy(() -> h.scheduler.readNow(1, Set.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
