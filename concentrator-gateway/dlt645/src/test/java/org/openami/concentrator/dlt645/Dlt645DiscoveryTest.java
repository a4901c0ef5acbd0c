package org.openami.concentrator.dlt645;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.concentrator.channel.BusChannel;
import org.openami.concentrator.channel.BusTiming;
import org.openami.concentrator.channel.LineSettings;
import org.openami.concentrator.channel.rs485.Rs485Options;
import org.openami.concentrator.channel.rs485.SerialTransport;
import org.openami.dlt645.MeterAddress;
import org.openami.meter.app.MeterApplication;
import org.openami.meter.app.SimulatedMeterFleet;
import org.openami.meter.link.FrameHandler;
import org.openami.meter.link.LinkSettings;
import org.openami.meter.link.SimulatedBus;
import org.openami.meter.storage.SyncPolicy;

/**
 * Discovery against whole simulated meters on one pseudo-terminal bus at 9600 baud (to keep
 * the 100-probe sweeps short). Collisions are real: the simulated bus ANDs replies that
 * overlap, as drivers fighting on a real bus damage them.
 */
class Dlt645DiscoveryTest {

    private static final LineSettings LINE = new LineSettings(9600, 8, LineSettings.Parity.EVEN, 1);
    private static final LinkSettings LINK = LinkSettings.dlt645Default().withBaud(9600);

    @TempDir
    Path dir;

    @Test
    void theOnlyMeterOnABusAnswersTheWildcardDirectly() throws Exception {
        try (SimulatedMeterFleet fleet = SimulatedMeterFleet.start(SimulatedMeterFleet.Options.of(1, dir)
                .withLink(LINK).withFirst(MeterAddress.parse("210987654321")));
             BusChannel ch = channel(fleet.path())) {
            Dlt645Discovery.Result r = new Dlt645Discovery(new Dlt645Master(ch), LINE, Duration.ofMillis(60)).discover();
            assertThat(r.meters()).containsExactly(MeterAddress.parse("210987654321"));
            assertThat(r.probes()).as("read address, cross-checked").isEqualTo(2);
            assertThat(r.collisions()).isZero();
            assertThat(r.problems()).isEmpty();
        }
    }

    @Test
    void findsEveryMeterWhenTheirRepliesCollide() throws Exception {
        // 000000000001 and 000000000101 share their low byte (wire 01 00.. / 01 01..): their replies
        // collide until the second byte is fixed; 000000000002 stands alone. 19200 baud and meters
        // without fsync keep the 200 probes short and every reply well within the probe timeout.
        LinkSettings fast = LinkSettings.dlt645Default().withBaud(19200);
        LineSettings line = new LineSettings(19200, 8, LineSettings.Parity.EVEN, 1);
        try (SimulatedMeterFleet a = SimulatedMeterFleet.start(SimulatedMeterFleet.Options.of(2, dir.resolve("a"))
                .withLink(fast).withSync(SyncPolicy.NONE).withFirst(MeterAddress.parse("000000000001")));
             SimulatedMeterFleet b = SimulatedMeterFleet.start(SimulatedMeterFleet.Options.of(1, dir.resolve("b"))
                .withLink(fast).withSync(SyncPolicy.NONE).withFirst(MeterAddress.parse("000000000101")))) {
            List<FrameHandler> all = new ArrayList<>();
            for (MeterApplication m : a.meters()) {
                all.add(m.slave());
            }
            all.add(b.meters().get(0).slave());
            try (SimulatedBus bus = SimulatedBus.open(all, fast); BusChannel ch = channel(bus.path(), line)) {
                Dlt645Discovery.Result r = new Dlt645Discovery(new Dlt645Master(ch, 0, 1), line, Duration.ofMillis(100))
                        .discover();
                assertThat(r.meters()).as("%s", r).extracting(MeterAddress::toString)
                        .containsExactly("000000000001", "000000000002", "000000000101");
                assertThat(r.collisions()).as("wildcard and low byte 01").isGreaterThanOrEqualTo(2);
                assertThat(r.problems()).isEmpty();
                assertThat(bus.statistics().collisions()).isGreaterThanOrEqualTo(2);
            }
        }
    }

    @Test
    void anEmptyBusHasNoMeters() throws Exception {
        try (SimulatedBus bus = SimulatedBus.open(List.of(), LINK); BusChannel ch = channel(bus.path())) {
            Dlt645Discovery.Result r = new Dlt645Discovery(new Dlt645Master(ch), LINE, Duration.ofMillis(60)).discover();
            assertThat(r.meters()).isEmpty();
            assertThat(r.probes()).isEqualTo(1);
        }
    }

    private static BusChannel channel(String path) {
        return channel(path, LINE);
    }

    private static BusChannel channel(String path, LineSettings line) {
        return new BusChannel("rs485-1", new SerialTransport(path, Rs485Options.plain()), line, BusTiming.dlt645(),
                Clock.systemUTC());
    }
}
