package org.openami.meter.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openami.meter.link.Wire.hex;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openami.dlt645.ControlCode.Function;
import org.openami.dlt645.Dlt645Decoder;
import org.openami.dlt645.Dlt645FormatException;
import org.openami.dlt645.Dlt645Frame;
import org.openami.dlt645.MeterAddress;

/** Meters on a {@link SimulatedBus}, polled by a jSerialComm master at 2400 8E1. */
class MultiDropBusTest {

    private static final LinkSettings SETTINGS = LinkSettings.dlt645Default();
    private static final Duration PATIENCE = Duration.ofSeconds(2);

    private static List<TestMeter> meters(long... addresses) {
        List<TestMeter> list = new ArrayList<>();
        for (long a : addresses) {
            list.add(new TestMeter(a));
        }
        return list;
    }

    private static SimulatedBus open(List<TestMeter> meters) throws Exception {
        return SimulatedBus.open(List.copyOf(meters), SETTINGS);
    }

    @Test
    void eachOfEightMetersAnswersItsOwnRead() throws Exception {
        List<TestMeter> meters = meters(218231000101L, 218231000102L, 218231000103L, 218231000104L, 218231000105L,
                218231000106L, 218231000107L, 218231000108L);
        try (SimulatedBus bus = open(meters); SerialMaster master = new SerialMaster(bus.path(), SETTINGS)) {
            for (TestMeter meter : meters) {
                long start = System.nanoTime();
                master.send(TestMeter.readEnergy(meter.own));
                Dlt645Frame reply = master.readFrame(PATIENCE);
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(reply).as("reply of %s", meter.own).isEqualTo(TestMeter.energyReply(meter.own));
                // turnaround + 24 bytes of 11 bits at 2400 baud: the line paces replies like the wire
                assertThat(took).isGreaterThanOrEqualTo(Duration.ofNanos(
                        SETTINGS.turnaround().toNanos() + SETTINGS.wireNanos(reply.encode(4).length)));
            }
            assertThat(meters).allSatisfy(m -> assertThat(m.seen).as("every meter sees every frame").hasSize(8));
            LinkStatistics stats = bus.statistics();
            assertThat(stats.framesReceived()).isEqualTo(8);
            assertThat(stats.framesAnswered()).isEqualTo(8);
            assertThat(stats.collisions()).isZero();
            assertThat(stats.minReplyLatency()).isGreaterThanOrEqualTo(SETTINGS.turnaround());
        }
    }

    @Test
    void aBroadcastNeverProducesBytes() throws Exception {
        List<TestMeter> meters = meters(1, 2, 3, 4, 5, 6, 7, 8);
        try (SimulatedBus bus = open(meters); SerialMaster master = new SerialMaster(bus.path(), SETTINGS)) {
            master.send(Dlt645Frame.broadcastTimeSync(LocalDateTime.of(2024, 5, 1, 12, 30, 45)));
            // every test meter (wrongly) answers a read-address sent to the broadcast address
            master.send(TestMeter.readAddress(MeterAddress.BROADCAST));

            byte[] got = master.readUntilQuiet(Duration.ofMillis(100), Duration.ofMillis(600));

            assertThat(got).as("bytes within 600 ms of two broadcasts").isEmpty();
            assertThat(meters).allSatisfy(m -> assertThat(m.seen).extracting(Dlt645Frame::function)
                    .containsExactly(Function.BROADCAST_TIME_SYNC, Function.READ_ADDRESS));
            assertThat(bus.statistics().repliesWithheld()).isEqualTo(8);
            assertThat(bus.statistics().framesAnswered()).isZero();
        }
    }

    @Test
    void aWildcardReadAddressWithTwoMetersCollides() throws Exception {
        List<TestMeter> meters = meters(218231000114L, 218231000115L);
        try (SimulatedBus bus = open(meters); SerialMaster master = new SerialMaster(bus.path(), SETTINGS)) {
            master.send(Dlt645Frame.readAddress());

            byte[] got = master.readUntilQuiet(Duration.ofMillis(150), PATIENCE);

            byte[] expected = MultiDropBus.collide(List.of(
                    Dlt645Frame.addressReply(meters.get(0).own).encode(4),
                    Dlt645Frame.addressReply(meters.get(1).own).encode(4)));
            assertThat(hex(got)).as("the wired AND of both replies").isEqualTo(hex(expected));
            assertThat(new Dlt645Decoder().feed(got)).as("valid frames in the collision").isEmpty();
            assertThatThrownBy(() -> Dlt645Frame.decode(got)).isInstanceOf(Dlt645FormatException.class);
            assertThat(bus.statistics().collisions()).isEqualTo(1);
        }
    }

    @Test
    void aWildcardReadAddressWithOneMeterReturnsItsAddress() throws Exception {
        List<TestMeter> meters = meters(218231000114L);
        try (SimulatedBus bus = open(meters); SerialMaster master = new SerialMaster(bus.path(), SETTINGS)) {
            master.send(Dlt645Frame.readAddress());

            Dlt645Frame reply = master.readFrame(PATIENCE);

            assertThat(reply).isNotNull();
            assertThat(reply.address()).isEqualTo(MeterAddress.parse("218231000114"));
            assertThat(reply.data()).isEqualTo(MeterAddress.parse("218231000114").toWire());
            assertThat(bus.statistics().collisions()).isZero();
        }
    }

    @Test
    void collisionIsTheBitwiseAndPaddedWithTheIdleLine() {
        byte[] line = MultiDropBus.collide(List.of(hex("FE 68 0F 16"), hex("FE 68 F1 33 16")));

        assertThat(hex(line)).isEqualTo("FE 68 01 12 16");
    }

    @Test
    void aThrowingMeterDoesNotSilenceTheOthers() throws Exception {
        List<TestMeter> meters = meters(1, 2);
        FrameHandler broken = request -> {
            throw new IllegalStateException("broken meter");
        };
        List<FrameHandler> handlers = List.of(broken, meters.get(0), meters.get(1));
        try (SimulatedBus bus = SimulatedBus.open(handlers, SETTINGS);
                SerialMaster master = new SerialMaster(bus.path(), SETTINGS)) {
            master.send(TestMeter.readEnergy(MeterAddress.of(2)));

            assertThat(master.readFrame(PATIENCE)).isEqualTo(TestMeter.energyReply(MeterAddress.of(2)));
            assertThat(bus.statistics().handlerErrors()).isEqualTo(1);
        }
    }
}
