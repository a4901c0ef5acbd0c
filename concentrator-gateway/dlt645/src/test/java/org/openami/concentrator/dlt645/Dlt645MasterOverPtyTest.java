package org.openami.concentrator.dlt645;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.concentrator.channel.BusChannel;
import org.openami.concentrator.channel.BusTiming;
import org.openami.concentrator.channel.ExchangeException;
import org.openami.concentrator.channel.FailureReason;
import org.openami.concentrator.channel.LineQuality;
import org.openami.concentrator.channel.LineSettings;
import org.openami.concentrator.channel.Priority;
import org.openami.concentrator.channel.rs485.Rs485Options;
import org.openami.concentrator.channel.rs485.SerialTransport;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;
import org.openami.dlt645.ControlCode.Function;
import org.openami.dlt645.DataIdentifier;
import org.openami.dlt645.Dlt645Frame;
import org.openami.dlt645.MeterAddress;
import org.openami.meter.app.SimulatedMeterFleet;
import org.openami.meter.link.FrameHandler;
import org.openami.meter.link.LinkSettings;
import org.openami.meter.link.SimulatedBus;
import org.openami.meter.link.SlaveReply;

/**
 * The master against whole simulated meters (the meter firmware on simulated chips) on a
 * real pseudo-terminal that jSerialComm opens, through {@link BusChannel} and
 * {@link SerialTransport}: the path a concentrator uses on an RS-485 adapter.
 */
class Dlt645MasterOverPtyTest {

    private static final LineSettings LINE = LineSettings.DLT645_DEFAULT;
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T track(T t) {
        open.add(t);
        return t;
    }

    private BusChannel channel(String path, BusTiming timing) {
        return track(new BusChannel("rs485-1", new SerialTransport(path, Rs485Options.plain()), LINE, timing,
                Clock.systemUTC()));
    }

    @Test
    void aControlRequestSubmittedOnAReplyGoesBeforeTheReadAlreadyQueued() throws Exception {
        SimulatedMeterFleet fleet = track(SimulatedMeterFleet.start(SimulatedMeterFleet.Options.of(2, dir)));
        BusChannel ch = channel(fleet.path(), BusTiming.dlt645());
        Dlt645Master master = new Dlt645Master(ch);
        MeterAddress m1 = MeterAddress.parse("000000000001");
        MeterAddress m2 = MeterAddress.parse("000000000002");
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CompletableFuture<byte[]> reaction = new java.util.concurrent.CompletableFuture<>();
        // a read whose reply makes its caller react at once (as prepayment trips a meter) ...
        java.util.concurrent.CompletableFuture<byte[]> first = master.read(m1,
                org.openami.dlt645.DataIdentifier.FORWARD_ACTIVE_TOTAL, LINE, Priority.SCHEDULED);
        first.thenAccept(v -> master.read(m1, org.openami.dlt645.DataIdentifier.STATUS_WORD_3, LINE, Priority.CONTROL)
                .whenComplete((r, e) -> {
                    order.add("reaction");
                    reaction.complete(r);
                }));
        // ... while the next scheduled read is already queued
        master.read(m2, org.openami.dlt645.DataIdentifier.FORWARD_ACTIVE_TOTAL, LINE, Priority.SCHEDULED)
                .whenComplete((r, e) -> order.add("queued read"));
        reaction.get(10, java.util.concurrent.TimeUnit.SECONDS);
        long end = System.nanoTime() + 10_000_000_000L;
        while (order.size() < 2 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(order).containsExactly("reaction", "queued read");
    }

    @Test
    void readsRealtimeValuesFromEveryMeterOnTheBus() throws Exception {
        SimulatedMeterFleet fleet = track(SimulatedMeterFleet.start(SimulatedMeterFleet.Options.of(3, dir)));
        BusChannel ch = channel(fleet.path(), BusTiming.dlt645());
        Dlt645Collection collection = new Dlt645Collection(new Dlt645Master(ch), Clock.systemUTC(), ZONE);

        for (MeterAddress a : fleet.addresses()) {
            List<Reading> rs = collection.realtime(7, a, LINE, Set.of(Quantity.ENERGY_FORWARD_ACTIVE_TOTAL,
                    Quantity.VOLTAGE_A, Quantity.FREQUENCY, Quantity.ACTIVE_POWER_TOTAL), Priority.ON_DEMAND)
                    .get(10, TimeUnit.SECONDS);
            Map<Quantity, Long> v = new java.util.EnumMap<>(Quantity.class);
            rs.forEach(r -> v.put(r.quantity(), r.value()));
            assertThat(rs).allSatisfy(r -> {
                assertThat(r.meter()).isEqualTo(a.toString());
                assertThat(r.point()).isEqualTo(7);
                assertThat(r.kind()).isEqualTo(ReadingKind.REALTIME);
            });
            assertThat(v).containsOnlyKeys(Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, Quantity.VOLTAGE_A,
                    Quantity.FREQUENCY, Quantity.ACTIVE_POWER_TOTAL);
            assertThat(v.get(Quantity.VOLTAGE_A)).as("mV").isBetween(200_000L, 260_000L);
            assertThat(v.get(Quantity.FREQUENCY)).as("mHz").isBetween(49_000L, 51_000L);
            assertThat(v.get(Quantity.ENERGY_FORWARD_ACTIVE_TOTAL)).as("Wh").isGreaterThanOrEqualTo(0);
            assertThat(v.get(Quantity.ENERGY_FORWARD_ACTIVE_TOTAL) % 10).as("0.01 kWh resolution").isZero();
        }
        LineQuality q = ch.quality(fleet.addresses().get(0).toString());
        assertThat(q.successes()).isEqualTo(4);
        assertThat(q.meanLatencyMicros()).as("turnaround 20 ms + reply wire time").isGreaterThan(20_000);
    }

    @Test
    void readsTheDailyFreezeOfTheDayTheMeterFroze() throws Exception {
        // meters start 2 simulated minutes before midnight and run 60x: midnight passes in 2 s
        Instant start = LocalDate.of(2026, 11, 20).atTime(23, 58).atZone(ZONE).toInstant();
        SimulatedMeterFleet fleet = track(SimulatedMeterFleet.start(
                SimulatedMeterFleet.Options.of(1, dir).withClock(start, 60)));
        MeterAddress meter = fleet.addresses().get(0);
        BusChannel ch = channel(fleet.path(), BusTiming.dlt645());
        // the concentrator's clock: the same simulated day, after midnight
        Clock after = Clock.fixed(LocalDate.of(2026, 11, 21).atTime(0, 5).atZone(ZONE).toInstant(), ZONE);
        Dlt645Collection collection = new Dlt645Collection(new Dlt645Master(ch), after, ZONE);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<Reading> freeze = null;
        while (freeze == null && System.nanoTime() < deadline) {
            try {
                freeze = collection.dailyFreeze(1, meter, LINE, LocalDate.of(2026, 11, 20), Priority.SCHEDULED)
                        .get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                Thread.sleep(500); // not frozen yet (or the reply was for no data)
            }
        }
        assertThat(freeze).as("freeze at 2026-11-21 00:00, closing the 20th").isNotNull().hasSize(6);
        long midnight = LocalDate.of(2026, 11, 20).atStartOfDay(ZONE).toInstant().toEpochMilli();
        assertThat(freeze).allSatisfy(r -> {
            assertThat(r.kind()).isEqualTo(ReadingKind.DAILY_FREEZE);
            assertThat(r.dataTime()).isEqualTo(midnight);
        });
        long total = value(freeze, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL);
        long tariffs = value(freeze, Quantity.ENERGY_FORWARD_ACTIVE_T1) + value(freeze, Quantity.ENERGY_FORWARD_ACTIVE_T2)
                + value(freeze, Quantity.ENERGY_FORWARD_ACTIVE_T3) + value(freeze, Quantity.ENERGY_FORWARD_ACTIVE_T4);
        // each register is rounded down to 0.01 kWh on its own: the sum may lag the total by 4 x 10 Wh
        assertThat(total - tariffs).isBetween(0L, 40L);

        // a day the meter has not frozen (it did not exist) is reported as unavailable
        assertThatThrownBy(() -> collection.dailyFreeze(1, meter, LINE, LocalDate.of(2026, 11, 18),
                Priority.SCHEDULED).join())
                .isInstanceOf(CompletionException.class)
                .satisfies(e -> assertThat(e.getCause()).isInstanceOfAny(DataUnavailableException.class,
                        ExchangeException.class));
    }

    private static long value(List<Reading> rs, Quantity q) {
        return rs.stream().filter(r -> r.quantity() == q).findFirst().orElseThrow().value();
    }

    @Test
    void aMeterThatAnswersGarbageLateOrAsAnotherFailsWithItsReasonAndTheBusGoesOn() throws Exception {
        MeterAddress good = MeterAddress.parse("000000000001");
        MeterAddress liar = MeterAddress.parse("000000000002");
        MeterAddress late = MeterAddress.parse("000000000003");
        FrameHandler goodMeter = answering(good, good);
        FrameHandler liarMeter = answering(liar, MeterAddress.parse("000000000099"));
        FrameHandler lateMeter = request -> {
            if (!request.address().equals(late)) {
                return Optional.empty();
            }
            sleep(900);
            return Optional.of(SlaveReply.of(Dlt645Frame.readReply(late, request.dataIdentifier().orElseThrow(),
                    new byte[] {0x01, 0x00, 0x00, 0x00})));
        };
        SimulatedBus bus = track(SimulatedBus.open(List.of(goodMeter, liarMeter, lateMeter),
                LinkSettings.dlt645Default()));
        BusChannel ch = channel(bus.path(), BusTiming.dlt645());
        Dlt645Master master = new Dlt645Master(ch, 4, 1);
        DataIdentifier di = DataIdentifier.FORWARD_ACTIVE_TOTAL;

        assertThat(master.read(good, di, LINE, Priority.SCHEDULED).get(5, TimeUnit.SECONDS)).containsExactly(1, 0, 0, 0);
        assertFails(master.read(liar, di, LINE, Priority.SCHEDULED), FailureReason.WRONG_ADDRESS, "000000000099");
        assertFails(master.read(late, di, LINE, Priority.SCHEDULED), FailureReason.TIMEOUT, "no reply within 500 ms");
        // the late reply arrives while the channel drains the line; the next meter is not confused by it
        assertThat(master.read(good, di, LINE, Priority.SCHEDULED).get(5, TimeUnit.SECONDS)).containsExactly(1, 0, 0, 0);

        bus.line().corruptNextReplyBytes(10); // past the 4 FE of preamble, into the frame
        assertFails(master.read(good, di, LINE, Priority.SCHEDULED), FailureReason.CORRUPT, "damaged reply");
        bus.line().injectNoise(new byte[] {0x68, 0x11, 0x22});
        assertThat(master.read(good, di, LINE, Priority.SCHEDULED).get(5, TimeUnit.SECONDS)).containsExactly(1, 0, 0, 0);

        assertThat(ch.quality(late.toString()).failures(FailureReason.TIMEOUT)).isEqualTo(1);
        assertThat(ch.quality(liar.toString()).failures(FailureReason.WRONG_ADDRESS)).isEqualTo(1);
        assertThat(ch.quality(good.toString()).successPerMille()).isEqualTo(750);
    }

    @Test
    void retriesAFailedAttemptAfterABackoff() throws Exception {
        MeterAddress good = MeterAddress.parse("000000000001");
        SimulatedBus bus = track(SimulatedBus.open(List.of(answering(good, good)), LinkSettings.dlt645Default()));
        BusChannel ch = channel(bus.path(), BusTiming.dlt645());
        Dlt645Master master = new Dlt645Master(ch, 4, 3);
        bus.line().dropNextReplies(2);
        assertThat(master.read(good, DataIdentifier.FORWARD_ACTIVE_TOTAL, LINE, Priority.SCHEDULED)
                .get(10, TimeUnit.SECONDS)).containsExactly(1, 0, 0, 0);
        assertThat(ch.statistics().retries()).isEqualTo(2);
        assertThat(ch.quality(good.toString()).failures(FailureReason.TIMEOUT)).isEqualTo(2);
        assertThat(ch.quality(good.toString()).successes()).isEqualTo(1);
    }

    private static void assertFails(CompletableFuture<?> f, FailureReason reason, String message) {
        assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ExchangeException.class)
                .satisfies(e -> {
                    ExchangeException ee = (ExchangeException) e.getCause();
                    assertThat(ee.reason()).isEqualTo(reason);
                    assertThat(ee.getMessage()).contains(message);
                });
    }

    /** A meter at {@code own} that answers every read with 000000.01 kWh, claiming to be {@code claims}. */
    private static FrameHandler answering(MeterAddress own, MeterAddress claims) {
        return request -> {
            if (!request.address().equals(own) || request.function() != Function.READ_DATA) {
                return Optional.empty();
            }
            return Optional.of(SlaveReply.of(Dlt645Frame.readReply(claims, request.dataIdentifier().orElseThrow(),
                    new byte[] {0x01, 0x00, 0x00, 0x00})));
        };
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
