package org.openami.concentrator.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;
import org.openami.sim.load.ProfileLoad;
import org.openami.sim.modbus.MeterSnapshot;
import org.openami.sim.modbus.Sdm630Meter;
import org.openami.sim.modbus.Sdm630ProcessImage;
import org.openami.sim.modbus.Sdm630Registers;
import org.openami.sim.modbus.SimulatedModbusLine;
import org.openami.sim.serial.LineTiming;
import org.openami.sim.time.ManualClock;

/**
 * The master over the project's real channel (BusChannel + the jSerialComm SerialTransport)
 * on a real pseudo-terminal, against the simulated SDM630 meters of ami-sim-modbus.
 */
class ModbusOverPtyTest {

    private static final LineSettings LINE = LineSettings.MODBUS_DEFAULT;
    private static final BusTiming TIMING = new BusTiming(Duration.ofMillis(500), Duration.ofMillis(30), 256,
            Duration.ofMillis(20), Duration.ofMillis(200), 1024);

    private final ManualClock simTime = new ManualClock(Instant.parse("2024-05-01T02:00:00Z"));
    private final Sdm630Meter factory = new Sdm630Meter(ProfileLoad.commercial(120_000, 3), simTime, 250_000.5, 12.0);
    private final Sdm630Meter bakery = new Sdm630Meter(ProfileLoad.commercial(25_000, 4).withPv(8_000), simTime, 4_321, 987);
    private final Clock wall = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);
    private SimulatedModbusLine bus;
    private BusChannel channel;
    private ModbusRtuMaster master;

    @BeforeEach
    void open() throws Exception {
        bus = SimulatedModbusLine.open(LINE.baud(), LineTiming.BITS_8N1);
        bus.addUnit(1, new Sdm630ProcessImage(factory, 1)).maxRegistersPerRead(80).replyDelay(Duration.ofMillis(5));
        bus.addUnit(2, new Sdm630ProcessImage(bakery, 2)).maxRegistersPerRead(80).replyDelay(Duration.ofMillis(30));
        simTime.advance(Duration.ofHours(8)); // 10:00 in the load profile's zone (UTC+8): shops are busy
        // integrate the 8 simulated hours now, so the first read does not pay for them within its reply timeout
        factory.snapshot();
        bakery.snapshot();
        channel = new BusChannel("rs485-test", new SerialTransport(bus.path(), Rs485Options.plain()), LINE, TIMING, wall);
        master = new ModbusRtuMaster(channel, null, 1);
    }

    @AfterEach
    void close() {
        if (channel != null) {
            channel.close();
        }
        bus.close();
    }

    @Test
    void readsInputRegistersAsTheMeterHasThem() throws Exception {
        int[] regs = get(master.readInputRegisters(1, 0x0000, 6, LINE, Priority.ON_DEMAND));
        MeterSnapshot truth = factory.snapshot();
        for (int p = 0; p < 3; p++) {
            assertThat(Float.intBitsToFloat(regs[2 * p] << 16 | regs[2 * p + 1]))
                    .isEqualTo((float) truth.phase(p).voltageV());
        }
        int[] node = get(master.readHoldingRegisters(2, 0x0014, 2, null, Priority.ON_DEMAND));
        assertThat(Float.intBitsToFloat(node[0] << 16 | node[1])).isEqualTo(2f);
        assertThat(channel.quality("1").successes()).isEqualTo(1);
    }

    @Test
    void meterReaderGetsEveryQuantityOfTheSdm630MapInFourRequests() throws Exception {
        RegisterMap map = RegisterMap.load("sdm630");
        ModbusMeterReader reader = new ModbusMeterReader(master, wall);

        MeterReadout one = get(reader.read(1, map, LINE, Priority.SCHEDULED));
        MeterReadout two = get(reader.read(2, map, LINE, Priority.SCHEDULED));

        assertThat(one.complete()).as("failures %s", one.failures()).isTrue();
        assertThat(two.complete()).as("failures %s", two.failures()).isTrue();
        assertThat(channel.statistics().attempts()).isEqualTo(8);
        assertMatches(one, factory.snapshot(), map);
        assertMatches(two, bakery.snapshot(), map);
        assertThat(one.value(Quantity.ENERGY_FORWARD_ACTIVE_TOTAL).getAsLong()).isGreaterThan(250_000_500L);
        assertThat(one.value(Quantity.VOLTAGE_A).getAsLong()).isBetween(200_000L, 260_000L);
        assertThat(one.value(Quantity.FREQUENCY).getAsLong()).isBetween(49_900L, 50_100L);

        var readings = one.toReadings(12, ReadingKind.REALTIME, one.readAt());
        assertThat(readings).hasSize(17).allSatisfy(r -> {
            assertThat(r.meter()).isEqualTo("1");
            assertThat(r.point()).isEqualTo(12);
            assertThat(r.readAt()).isEqualTo(wall.millis());
        });
        assertThat(readings).extracting(Reading::quantity).contains(Quantity.ENERGY_REVERSE_ACTIVE_TOTAL);
    }

    @Test
    void energyReadThroughTheMasterGrowsWithSimulatedTime() throws Exception {
        RegisterMap map = RegisterMap.load("sdm630");
        ModbusMeterReader reader = new ModbusMeterReader(master, wall);
        long before = get(reader.read(1, map, LINE, Priority.SCHEDULED)).value(Quantity.ENERGY_FORWARD_ACTIVE_TOTAL)
                .getAsLong();
        simTime.advance(Duration.ofMinutes(15));
        long after = get(reader.read(1, map, LINE, Priority.SCHEDULED)).value(Quantity.ENERGY_FORWARD_ACTIVE_TOTAL)
                .getAsLong();
        assertThat(after - before).as("Wh in 15 min at up to 120 kW").isBetween(1_000L, 40_000L);
    }

    @Test
    void undefinedRegisterIsRefusedWithTheExceptionNamedAndNotRetried() {
        ModbusRtuMaster patient = new ModbusRtuMaster(channel, null, 3);
        assertFailure(patient.readInputRegisters(1, 0x0032, 2, LINE, Priority.ON_DEMAND), FailureReason.REFUSED,
                "exception 02 (illegal data address)");
        assertFailure(patient.readInputRegisters(1, 0x0000, 82, LINE, Priority.ON_DEMAND), FailureReason.REFUSED,
                "exception 03 (illegal data value)");
        assertThat(channel.statistics().retries()).isZero();
    }

    @Test
    void aBlockThatFailsFailsOnlyItsOwnQuantities() throws Exception {
        RegisterMap map = RegisterMap.parse(new ByteArrayInputStream("""
                {"model": "SDM630 with a register it does not have",
                 "defaults": {"type": "float32", "scale": 1000},
                 "entries": [
                   {"quantity": "VOLTAGE_A", "address": "0x0000"},
                   {"quantity": "MAX_DEMAND_FORWARD_ACTIVE", "address": "0x0056"},
                   {"quantity": "FREQUENCY", "address": "0x0046"}
                 ]}""".getBytes(StandardCharsets.UTF_8)));
        MeterReadout r = get(new ModbusMeterReader(master, wall).read(1, map, LINE, Priority.SCHEDULED));
        assertThat(r.values()).containsOnlyKeys(Quantity.VOLTAGE_A, Quantity.FREQUENCY);
        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.quantity()).isEqualTo(Quantity.MAX_DEMAND_FORWARD_ACTIVE);
            assertThat(f.cause()).isEqualTo(QuantityFailure.Cause.EXCHANGE);
            assertThat(f.exchange()).isEqualTo(FailureReason.REFUSED);
            assertThat(f.message()).contains("input 0x0056+2").contains("illegal data address");
        });
    }

    @Test
    void nanFromTheMeterIsAFlaggedFailureOfThatQuantityOnly() throws Exception {
        SimpleProcessImage image = new SimpleProcessImage(9);
        for (int a = 0; a < 0x50; a += 2) {
            int bits = Float.floatToIntBits(a == 0x0002 ? Float.NaN : a == 0x0004 ? Float.POSITIVE_INFINITY : 230.25f + a);
            image.addInputRegister(new SimpleInputRegister(bits >>> 16));
            image.addInputRegister(new SimpleInputRegister(bits & 0xFFFF));
        }
        bus.addUnit(9, image);
        MeterReadout r = get(new ModbusMeterReader(master, wall).read(9, RegisterMap.load("sdm630"), LINE,
                Priority.SCHEDULED));
        assertThat(r.failures()).extracting(QuantityFailure::quantity).containsExactly(Quantity.VOLTAGE_B,
                Quantity.VOLTAGE_C);
        assertThat(r.failures()).allSatisfy(f -> {
            assertThat(f.cause()).isEqualTo(QuantityFailure.Cause.NOT_FINITE);
            assertThat(f.exchange()).isNull();
        });
        assertThat(r.values()).hasSize(15).containsEntry(Quantity.VOLTAGE_A, 230_250L)
                .containsEntry(Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, (230_250L + 0x48 * 1000));
    }

    @Test
    void corruptedReplyIsRetriedAndTheSecondAttemptSucceeds() throws Exception {
        ModbusRtuMaster patient = new ModbusRtuMaster(channel, null, 3);
        bus.unit(2).faults().corruptCrc(1);
        int[] regs = get(patient.readInputRegisters(2, 0x0046, 2, LINE, Priority.ON_DEMAND));
        assertThat(Float.intBitsToFloat(regs[0] << 16 | regs[1])).isBetween(49.5f, 50.5f);
        assertThat(channel.quality("2").failures(FailureReason.CORRUPT)).isEqualTo(1);
        assertThat(channel.statistics().retries()).isEqualTo(1);
    }

    @Test
    void eachFaultOfTheMeterIsReportedWithItsReason() throws Exception {
        bus.unit(1).faults().corruptCrc(1);
        assertFailure(master.readInputRegisters(1, 0x0048, 2, LINE, Priority.ON_DEMAND), FailureReason.CORRUPT, "CRC");

        bus.unit(1).faults().answerWithWrongUnitId(1);
        assertFailure(master.readInputRegisters(1, 0x0048, 2, LINE, Priority.ON_DEMAND), FailureReason.WRONG_ADDRESS,
                "reply from unit 2, expected unit 1");

        bus.unit(1).faults().ignoreRequests(1);
        assertFailure(master.readInputRegisters(1, 0x0048, 2, LINE, Priority.ON_DEMAND), FailureReason.TIMEOUT, "");

        bus.unit(1).faults().answerLate(1, Duration.ofMillis(800));
        assertFailure(master.readInputRegisters(1, 0x0048, 2, LINE, Priority.ON_DEMAND), FailureReason.TIMEOUT, "");

        // the late 2-register reply arrives during the next exchange; RTU has no transaction id, but its
        // register count differs from this request's, so it is set aside and the real reply taken
        int[] regs = get(master.readInputRegisters(1, 0x0046, 4, LINE, Priority.ON_DEMAND));
        assertThat(Float.intBitsToFloat(regs[0] << 16 | regs[1])).isBetween(49.5f, 50.5f);
        assertThat(Float.intBitsToFloat(regs[2] << 16 | regs[3])).isGreaterThan(250_000f);
        assertThat(channel.quality("1").failures()).containsEntry(FailureReason.CORRUPT, 1L)
                .containsEntry(FailureReason.WRONG_ADDRESS, 1L).containsEntry(FailureReason.TIMEOUT, 2L);
    }

    @Test
    void noiseOnTheLineIsCorruptAndTheRetryWorks() throws Exception {
        ModbusRtuMaster patient = new ModbusRtuMaster(channel, null, 3);
        bus.line().corruptNextReplyBytes(3);
        int[] regs = get(patient.readInputRegisters(1, 0x0046, 2, LINE, Priority.ON_DEMAND));
        assertThat(Float.intBitsToFloat(regs[0] << 16 | regs[1])).isBetween(49.5f, 50.5f);
        assertThat(channel.statistics().retries()).isGreaterThanOrEqualTo(1);
    }

    private static void assertMatches(MeterReadout r, MeterSnapshot truth, RegisterMap map) {
        for (RegisterEntry e : map.entries()) {
            double raw = Sdm630Registers.input(e.address()).orElseThrow().value().applyAsDouble(truth);
            long expected = new BigDecimal((float) raw).multiply(e.scale()).setScale(0, RoundingMode.HALF_UP)
                    .longValueExact();
            assertThat(r.values()).as("%s", e.quantity()).containsEntry(e.quantity(), expected);
        }
    }

    private static void assertFailure(CompletableFuture<?> f, FailureReason reason, String text) {
        assertThatThrownBy(() -> get(f)).isInstanceOfSatisfying(ExecutionException.class, e -> {
            assertThat(e.getCause()).isInstanceOf(ExchangeException.class);
            ExchangeException x = (ExchangeException) e.getCause();
            assertThat(x.reason()).as(x.getMessage()).isEqualTo(reason);
            assertThat(x.getMessage()).contains(text);
        });
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }
}
