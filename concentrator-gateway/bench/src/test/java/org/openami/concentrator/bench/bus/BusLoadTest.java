package org.openami.concentrator.bench.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openami.concentrator.bench.sim.LightBus;
import org.openami.concentrator.bench.sim.LightMeters;
import org.openami.concentrator.bench.sim.MeterModel;
import org.openami.concentrator.channel.BusChannel;
import org.openami.concentrator.channel.BusTiming;
import org.openami.concentrator.channel.LineSettings;
import org.openami.concentrator.channel.rs485.Rs485Options;
import org.openami.concentrator.channel.rs485.SerialTransport;
import org.openami.concentrator.dlt645.Dlt645Master;
import org.openami.dlt645.DataIdentifier;
import org.openami.dlt645.MeterAddress;

/** The load generator over light meters on a real pty: it counts every completion, and none fails. */
class BusLoadTest {

    @Test
    void counts_reads_that_complete_inside_the_window() throws Exception {
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        Clock clock = Clock.fixed(Instant.parse("2024-06-02T02:00:00Z"), zone);
        Map<MeterAddress, MeterModel> meters = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            meters.put(MeterAddress.of(1 + i), new MeterModel(i, 1, zone, Instant.parse("2024-06-01T00:00:00Z")));
        }
        try (LightBus bus = LightBus.open(new LightMeters(meters, clock), Duration.ofMillis(2));
             BusChannel channel = new BusChannel("rs485-1", new SerialTransport(bus.path(), Rs485Options.plain()),
                     LineSettings.DLT645_DEFAULT, BusTiming.dlt645(), clock)) {
            BusLoad load = new BusLoad(new Dlt645Master(channel), List.copyOf(meters.keySet()), LineSettings.DLT645_DEFAULT,
                    DataIdentifier.FORWARD_ACTIVE_TOTAL, 3);
            load.start();
            load.beginWindow();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (bus.meters().answered() < 50 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            BusLoad.Result r = load.endWindow();
            load.stop();
            assertThat(r.failures()).isZero();
            assertThat(r.successes()).isGreaterThanOrEqualTo(40);
            assertThat(r.readsPerSecond()).isPositive();
            // each exchange waits at least the meters' 2 ms turnaround
            assertThat(r.p50Nanos()).isGreaterThanOrEqualTo(2_000_000);
            assertThat(r.p95Nanos()).isGreaterThanOrEqualTo(r.p50Nanos());
        }
    }
}
