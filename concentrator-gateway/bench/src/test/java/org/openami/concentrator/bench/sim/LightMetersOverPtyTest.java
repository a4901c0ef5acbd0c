package org.openami.concentrator.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openami.concentrator.channel.BusChannel;
import org.openami.concentrator.channel.BusTiming;
import org.openami.concentrator.channel.ExchangeException;
import org.openami.concentrator.channel.FailureReason;
import org.openami.concentrator.channel.LineSettings;
import org.openami.concentrator.channel.Priority;
import org.openami.concentrator.channel.rs485.Rs485Options;
import org.openami.concentrator.channel.rs485.SerialTransport;
import org.openami.concentrator.dlt645.DataUnavailableException;
import org.openami.concentrator.dlt645.Dlt645Collection;
import org.openami.concentrator.dlt645.Dlt645Master;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;
import org.openami.dlt645.DataIdentifier;
import org.openami.dlt645.MeterAddress;

/**
 * Light meters on a real pseudo-terminal, read by the concentrator's real DL/T 645 master
 * (jSerialComm, BusChannel, Dlt645Collection): what the heap benchmark's collector sees.
 * Both ends share a fixed clock, so every value can be checked against the model.
 */
class LightMetersOverPtyTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant STARTED = LocalDate.of(2024, 6, 1).atStartOfDay(ZONE).toInstant();
    private static final Instant NOW = LocalDate.of(2024, 6, 2).atTime(10, 7).atZone(ZONE).toInstant();
    private static final MeterAddress A = MeterAddress.of(310_000_000_001L);
    private static final LineSettings LINE = LineSettings.DLT645_DEFAULT;

    private final Clock clock = Clock.fixed(NOW, ZONE);
    private final MeterModel model = new MeterModel(0, 1, ZONE, STARTED);
    private LightBus bus;
    private BusChannel channel;
    private Dlt645Collection collection;

    @BeforeEach
    void open() throws Exception {
        Map<MeterAddress, MeterModel> meters = new LinkedHashMap<>();
        meters.put(A, model);
        meters.put(MeterAddress.of(310_000_000_002L), new MeterModel(1, 1, ZONE, STARTED));
        bus = LightBus.open(new LightMeters(meters, clock), Duration.ZERO);
        channel = new BusChannel("rs485-1", new SerialTransport(bus.path(), Rs485Options.plain()), LINE,
                BusTiming.dlt645(), clock);
        collection = new Dlt645Collection(new Dlt645Master(channel), clock, ZONE);
    }

    @AfterEach
    void close() {
        channel.close();
        bus.close();
    }

    @Test
    void a_curve_point_is_the_registers_at_the_quarter_hour() throws Exception {
        long quarter = LocalDate.of(2024, 6, 2).atTime(10, 0).atZone(ZONE).toInstant().toEpochMilli();
        List<Reading> r = get(collection.curvePoint(7, A, LINE, quarter, Priority.SCHEDULED));
        assertThat(r).hasSize(5).allSatisfy(x -> {
            assertThat(x.kind()).isEqualTo(ReadingKind.CURVE);
            assertThat(x.dataTime()).isEqualTo(quarter);
            assertThat(x.point()).isEqualTo(7);
        });
        assertThat(value(r, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL)).isEqualTo(model.forwardMwh(quarter, 0) / 10_000 * 10);
        assertThat(value(r, Quantity.ENERGY_REVERSE_ACTIVE_TOTAL)).isEqualTo(model.reverseMwh(quarter, 0) / 10_000 * 10);
        assertThat(value(r, Quantity.VOLTAGE_A)).isEqualTo(model.voltageDecivolts(quarter - 1) * 100L);
        assertThat(value(r, Quantity.ACTIVE_POWER_TOTAL)).isEqualTo(model.powerDeciwatts(quarter - 1) * 100);
        assertThat(value(r, Quantity.CURRENT_A)).isEqualTo(model.currentMilliamps(quarter - 1));
    }

    @Test
    void a_curve_point_not_taken_yet_is_unavailable() {
        long next = LocalDate.of(2024, 6, 2).atTime(10, 15).atZone(ZONE).toInstant().toEpochMilli();
        assertThatThrownBy(() -> get(collection.curvePoint(7, A, LINE, next, Priority.SCHEDULED)))
                .hasCauseInstanceOf(DataUnavailableException.class);
    }

    @Test
    void the_daily_freeze_is_the_registers_at_the_midnight_that_closed_the_day() throws Exception {
        List<Reading> r = get(collection.dailyFreeze(7, A, LINE, LocalDate.of(2024, 6, 1), Priority.SCHEDULED));
        long midnight = LocalDate.of(2024, 6, 2).atStartOfDay(ZONE).toInstant().toEpochMilli();
        assertThat(r).hasSize(6);
        assertThat(value(r, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL)).isEqualTo(model.forwardMwh(midnight, 0) / 10_000 * 10);
        assertThat(value(r, Quantity.ENERGY_FORWARD_ACTIVE_T4)).isEqualTo(model.forwardMwh(midnight, 4) / 10_000 * 10);
        // three days back (back-fill)
        List<Reading> older = get(collection.dailyFreeze(7, A, LINE, LocalDate.of(2024, 5, 29), Priority.BULK));
        long may30 = LocalDate.of(2024, 5, 30).atStartOfDay(ZONE).toInstant().toEpochMilli();
        assertThat(value(older, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL)).isEqualTo(model.forwardMwh(may30, 0) / 10_000 * 10);
    }

    @Test
    void the_monthly_freeze_is_the_settlement_on_the_first() throws Exception {
        List<Reading> r = get(collection.monthlyFreeze(7, A, LINE, YearMonth.of(2024, 5), Priority.SCHEDULED));
        long first = LocalDate.of(2024, 6, 1).atStartOfDay(ZONE).toInstant().toEpochMilli();
        assertThat(r).hasSize(6).allSatisfy(x -> assertThat(x.kind()).isEqualTo(ReadingKind.MONTHLY_FREEZE));
        assertThat(value(r, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL)).isEqualTo(model.forwardMwh(first, 0) / 10_000 * 10);
    }

    @Test
    void realtime_reads_leave_out_what_a_single_phase_meter_does_not_have() throws Exception {
        List<Reading> r = get(collection.realtime(7, A, LINE,
                Set.of(Quantity.VOLTAGE_A, Quantity.VOLTAGE_B, Quantity.FREQUENCY), Priority.ON_DEMAND));
        assertThat(r).extracting(Reading::quantity).containsExactlyInAnyOrder(Quantity.VOLTAGE_A, Quantity.FREQUENCY);
        assertThat(value(r, Quantity.FREQUENCY)).isEqualTo(model.frequencyCentihertz(NOW.toEpochMilli()) * 10L);
    }

    @Test
    void an_unknown_identifier_is_refused_and_other_addresses_stay_silent() {
        Dlt645Master master = new Dlt645Master(channel);
        assertThatThrownBy(() -> get(master.read(A, DataIdentifier.of(0x04000B01), LINE, Priority.SCHEDULED)))
                .cause().isInstanceOfSatisfying(ExchangeException.class,
                        e -> assertThat(e.reason()).isEqualTo(FailureReason.REFUSED));
        assertThatThrownBy(() -> get(new Dlt645Master(channel, 4, 1).read(MeterAddress.of(310_000_000_099L),
                DataIdentifier.FORWARD_ACTIVE_TOTAL, new byte[0], LINE, Priority.SCHEDULED, Duration.ofMillis(100), 1)))
                .cause().isInstanceOfSatisfying(ExchangeException.class,
                        e -> assertThat(e.reason()).isEqualTo(FailureReason.TIMEOUT));
    }

    @Test
    void many_reads_in_a_row_all_succeed() throws Exception {
        Dlt645Master master = new Dlt645Master(channel);
        List<CompletableFuture<byte[]>> reads = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            reads.add(master.read(i % 2 == 0 ? A : MeterAddress.of(310_000_000_002L), DataIdentifier.FORWARD_ACTIVE_TOTAL,
                    LINE, Priority.SCHEDULED));
        }
        for (CompletableFuture<byte[]> f : reads) {
            assertThat(get(f)).hasSize(4);
        }
        assertThat(bus.meters().answered()).isEqualTo(200);
        assertThat(bus.statistics().framesDropped()).isZero();
    }

    private static <T> T get(CompletableFuture<T> f) throws InterruptedException, ExecutionException,
            java.util.concurrent.TimeoutException {
        return f.get(30, TimeUnit.SECONDS);
    }

    private static long value(List<Reading> rs, Quantity q) {
        return rs.stream().filter(r -> r.quantity() == q).findFirst().orElseThrow().value();
    }
}
