package org.openami.concentrator.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.openami.concentrator.archive.MeterRecord;
import org.openami.concentrator.channel.ExchangeException;
import org.openami.concentrator.channel.FailureReason;
import org.openami.concentrator.model.Quantity;

/**
 * Properties over random sequences of clock steps (forward, backward, across days), read
 * outcomes (answer, time out, refuse, not supported, late), archive changes and on-demand reads.
 * {@link SimulatedMeters} stands in for the DL/T 645 and Modbus masters (see its Javadoc) and
 * audits every read against the in-memory store.
 */
class SchedulerPropertiesTest {

    sealed interface Action permits Advance, JumpForward, JumpBack, Complete, ChangeArchive, ReadNow {
    }

    record Advance(int seconds) implements Action {
    }

    record JumpForward(int minutes) implements Action {
    }

    record JumpBack(int minutes) implements Action {
    }

    record Complete(int pick, SimulatedMeters.Answer answer, boolean all) implements Action {
    }

    record ChangeArchive(int mask) implements Action {
    }

    record ReadNow(int point) implements Action {
    }

    private static final String[] CHANNELS = {"rs485-1", "rs485-2", "plc-1"};

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Action> advance = Arbitraries.integers().between(1, 3600).map(Advance::new);
        Arbitrary<Action> forward = Arbitraries.integers().between(16, 6000).map(JumpForward::new);
        Arbitrary<Action> back = Arbitraries.integers().between(1, 3000).map(JumpBack::new);
        Arbitrary<Action> complete = Combinators.combine(Arbitraries.integers().between(0, 50),
                Arbitraries.of(SimulatedMeters.Answer.DATA, SimulatedMeters.Answer.DATA, SimulatedMeters.Answer.TIMEOUT,
                        SimulatedMeters.Answer.REFUSED, SimulatedMeters.Answer.UNSUPPORTED),
                Arbitraries.of(true, false)).as(Complete::new);
        Arbitrary<Action> archive = Arbitraries.integers().between(0, 1023).map(ChangeArchive::new);
        Arbitrary<Action> now = Arbitraries.integers().between(1, 9).map(ReadNow::new);
        return Arbitraries.frequencyOf(Tuple.of(8, advance), Tuple.of(2, forward), Tuple.of(2, back),
                Tuple.of(10, complete), Tuple.of(1, archive), Tuple.of(1, now)).list().ofMinSize(10).ofMaxSize(150);
    }

    private static List<MeterRecord> archive(int mask) {
        List<MeterRecord> out = new ArrayList<>();
        for (int p = 1; p <= 8; p++) {
            if ((mask & (1 << (p - 1))) != 0 || p == 1) {
                String channel = CHANNELS[(p + (mask >> 8)) % CHANNELS.length];
                out.add(p == 8 ? Meters.modbus(8, 8, channel) : Meters.dlt645(p, channel));
            }
        }
        return out;
    }

    private static void complete(Harness h, SimulatedMeters.Held r, SimulatedMeters.Answer answer) {
        switch (answer) {
            case DATA -> r.future().complete(h.meters.readings(r.meter(), r.task()));
            case TIMEOUT -> r.future().completeExceptionally(new ExchangeException(FailureReason.TIMEOUT, "no reply"));
            case REFUSED -> r.future().completeExceptionally(new ExchangeException(FailureReason.REFUSED, "no requested data"));
            default -> r.future().completeExceptionally(new UnsupportedTaskException("no such task"));
        }
    }

    @Property(tries = 150)
    void neverMoreThanMaxInFlightPerChannelAndNeverReadsWhatTheStoreHas(
            @ForAll("actions") List<Action> actions,
            @ForAll @IntRange(min = 1, max = 3) int maxInFlight,
            @ForAll @IntRange(min = 0, max = 255) int instantMeters,
            @ForAll boolean berlin) {
        ZoneId zone = ZoneId.of(berlin ? "Europe/Berlin" : "Asia/Shanghai");
        CollectorSettings settings = CollectorSettings.builder().maxInFlightPerChannel(maxInFlight)
                .stuckAfterTicks(86_400).maxRounds(4).build();
        Harness h = new Harness(zone, LocalDateTime.parse("2024-03-30T23:40:00"), settings).archive(archive(1023));
        h.meters.audit = h.sink;
        h.meters.behave((m, t) -> (instantMeters & (1 << (m.point() - 1))) != 0
                ? SimulatedMeters.Answer.DATA : SimulatedMeters.Answer.HOLD);
        List<SimulatedMeters.Held> held = new ArrayList<>();
        h.tick();

        for (Action a : actions) {
            if (a instanceof Advance x) {
                h.clock.advance(Duration.ofSeconds(x.seconds()));
            } else if (a instanceof JumpForward x) {
                h.clock.advance(Duration.ofMinutes(x.minutes()));
            } else if (a instanceof JumpBack x) {
                h.clock.advance(Duration.ofMinutes(-x.minutes()));
            } else if (a instanceof Complete x) {
                held.addAll(h.meters.takeHeld());
                int n = x.all() ? held.size() : Math.min(1, held.size());
                for (int i = 0; i < n && !held.isEmpty(); i++) {
                    complete(h, held.remove(Math.floorMod(x.pick() + i, held.size())), x.answer());
                }
            } else if (a instanceof ChangeArchive x) {
                h.scheduler.setMeters(archive(x.mask()));
            } else if (a instanceof ReadNow x) {
                h.scheduler.readNow(x.point(), Set.of(Quantity.VOLTAGE_A));
            }
            h.tick();

            assertThat(h.meters.violations).isEmpty();
            for (String ch : CHANNELS) {
                assertThat(h.meters.maxOutstanding(ch)).as("outstanding on %s", ch).isLessThanOrEqualTo(maxInFlight);
            }
            assertThat(h.scheduler.inFlightReads()).isLessThanOrEqualTo(maxInFlight * CHANNELS.length);
            assertThat(h.scheduler.counters().internalErrors()).isZero();
        }
    }
}
