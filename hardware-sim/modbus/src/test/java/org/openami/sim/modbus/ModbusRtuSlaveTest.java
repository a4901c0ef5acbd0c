package org.openami.sim.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fazecast.jSerialComm.SerialPort;
import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusSerialMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openami.sim.load.ProfileLoad;
import org.openami.sim.serial.LineTiming;
import org.openami.sim.time.ManualClock;

/**
 * j2mod's own RTU master, over jSerialComm on the pty path, against the simulated meters: the
 * same path a real SCADA tool takes to an RS-485 adapter.
 */
class ModbusRtuSlaveTest {

    private static final int TIMEOUT_MS = 400;

    private final ManualClock clock = new ManualClock(Instant.parse("2024-05-01T06:30:00Z"));
    private final Sdm630Meter shop = new Sdm630Meter(ProfileLoad.commercial(40_000, 11), clock, 12_345.6, 0);
    private final Sdm630Meter office = new Sdm630Meter(ProfileLoad.commercial(90_000, 12), clock, 808.25, 0);
    private SimulatedModbusLine bus;
    private ModbusSerialMaster master;

    @BeforeEach
    void open() throws Exception {
        bus = SimulatedModbusLine.open(9600, LineTiming.BITS_8N1);
        bus.addUnit(1, new Sdm630ProcessImage(shop, 1)).maxRegistersPerRead(80).replyDelay(Duration.ofMillis(5));
        bus.addUnit(7, new Sdm630ProcessImage(office, 7)).maxRegistersPerRead(80).replyDelay(Duration.ofMillis(20));
        clock.advance(Duration.ofHours(4));
        shop.snapshot(); // integrate the 4 simulated hours before the first read's timeout runs
        office.snapshot();
        SerialParameters params = new SerialParameters(bus.path(), 9600, SerialPort.FLOW_CONTROL_DISABLED,
                SerialPort.FLOW_CONTROL_DISABLED, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY, false);
        params.setEncoding(Modbus.SERIAL_ENCODING_RTU);
        master = new ModbusSerialMaster(params, TIMEOUT_MS);
        master.connect();
        master.setRetries(0);
    }

    @AfterEach
    void close() {
        if (master != null) {
            master.disconnect();
        }
        bus.close();
    }

    @Test
    void everyInputParameterReadsAsTheModelsValue() throws Exception {
        MeterSnapshot truth = shop.snapshot();
        for (Sdm630Registers.Parameter p : Sdm630Registers.inputParameters()) {
            InputRegister[] regs = master.readInputRegisters(1, p.address(), 2);
            float expected = (float) p.value().applyAsDouble(truth);
            assertThat(toFloat(regs, 0)).as("%s at 0x%04X", p.name(), p.address()).isEqualTo(expected);
        }
    }

    @Test
    void oneReadOfTheFirstBlockGivesVoltagesCurrentsAndPowersInOrder() throws Exception {
        InputRegister[] regs = master.readInputRegisters(1, 0x0000, 18);
        MeterSnapshot truth = shop.snapshot();
        for (int p = 0; p < 3; p++) {
            assertThat(toFloat(regs, 2 * p)).isEqualTo((float) truth.phase(p).voltageV());
            assertThat(toFloat(regs, 6 + 2 * p)).isEqualTo((float) truth.phase(p).currentA());
            assertThat(toFloat(regs, 12 + 2 * p)).isEqualTo((float) truth.phase(p).activeW());
        }
        assertThat(truth.phase(0).voltageV()).isBetween(200.0, 260.0);
        assertThat(truth.phase(0).currentA()).isGreaterThan(1.0);
    }

    @Test
    void unitsShareTheLineAndAnswerOnlyForThemselves() throws Exception {
        float shopKwh = toFloat(master.readInputRegisters(1, 0x0048, 2), 0);
        float officeKwh = toFloat(master.readInputRegisters(7, 0x0048, 2), 0);
        assertThat(shopKwh).isEqualTo((float) shop.snapshot().importKwh()).isGreaterThan(12_345.6f);
        assertThat(officeKwh).isEqualTo((float) office.snapshot().importKwh()).isGreaterThan(808.25f);
        assertThatThrownBy(() -> master.readInputRegisters(9, 0x0048, 2))
                .as("nobody has unit 9").isInstanceOf(ModbusException.class)
                .isNotInstanceOf(ModbusSlaveException.class);
        assertThat(bus.slave().statistics().forOtherUnits()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void energyGrowsAsSimulatedTimePasses() throws Exception {
        float before = toFloat(master.readInputRegisters(1, 0x0048, 2), 0);
        clock.advance(Duration.ofHours(2));
        float after = toFloat(master.readInputRegisters(1, 0x0048, 2), 0);
        assertThat(after).isGreaterThan(before);
        assertThat(after - before).as("2 h of a 40 kW peak shop in the morning, kWh").isBetween(5f, 80f);
    }

    @Test
    void holdingRegistersReportTheSetUp() throws Exception {
        var regs = master.readMultipleRegisters(7, 0x0014, 2);
        assertThat(toFloat(regs, 0)).isEqualTo(7f);
        var baud = master.readMultipleRegisters(7, 0x001C, 2);
        assertThat(toFloat(baud, 0)).as("code 2 = 9600 baud").isEqualTo(2f);
    }

    @Test
    void undefinedRegistersAreIllegalDataAddress() {
        assertSlaveException(() -> master.readInputRegisters(1, 0x0032, 2), Modbus.ILLEGAL_ADDRESS_EXCEPTION);
        assertSlaveException(() -> master.readInputRegisters(1, 0x0046, 16), Modbus.ILLEGAL_ADDRESS_EXCEPTION);
        assertSlaveException(() -> master.readInputRegisters(1, 0x4000, 2), Modbus.ILLEGAL_ADDRESS_EXCEPTION);
        assertSlaveException(() -> master.readMultipleRegisters(1, 0x0000, 2), Modbus.ILLEGAL_ADDRESS_EXCEPTION);
    }

    @Test
    void tooManyRegistersIsIllegalDataValue() {
        assertSlaveException(() -> master.readInputRegisters(1, 0x0000, 82), Modbus.ILLEGAL_VALUE_EXCEPTION);
    }

    @Test
    void unsupportedFunctionIsIllegalFunction() {
        assertSlaveException(() -> master.writeSingleRegister(1, 0x0014, new SimpleRegister(3)),
                Modbus.ILLEGAL_FUNCTION_EXCEPTION);
        assertThat(bus.slave().statistics().exceptions()).isEqualTo(1);
    }

    @Test
    void garbageNeverKillsTheSlave() throws Exception {
        Random random = new Random(99);
        master.disconnect();
        try (RawClient client = RawClient.open(bus.path())) {
            for (int i = 0; i < 20; i++) {
                byte[] junk = new byte[1 + random.nextInt(300)];
                random.nextBytes(junk);
                client.write(junk);
            }
            byte[] badCrc = RtuRequestFramerTest.hex("01 04 00 00 00 02 71 CC");
            client.write(badCrc);
            Thread.sleep(50);
            client.drain();
            client.write(RtuRequestFramerTest.hex("01 04 00 00 00 02 71 CB"));
            byte[] reply = client.read(9, Duration.ofSeconds(2));
            assertThat(reply).hasSize(9);
            assertThat(reply[0]).isEqualTo((byte) 1);
            assertThat(reply[1]).isEqualTo((byte) 4);
            assertThat(reply[2]).isEqualTo((byte) 4);
        }
        SlaveStatistics stats = bus.slave().statistics();
        assertThat(stats.discardedBytes()).isGreaterThan(100);
        assertThat(stats.crcErrors()).isGreaterThanOrEqualTo(1);
        Thread.sleep(100); // the pty's reopen reset is asynchronous (see hardware-sim/serial README)
        master.connect();
        assertThat(toFloat(master.readInputRegisters(1, 0x0046, 2), 0)).isBetween(49.5f, 50.5f);
    }

    @Test
    void ignoredRequestIsATimeoutThenTheMeterAnswersAgain() throws Exception {
        bus.unit(1).faults().ignoreRequests(1);
        assertThatThrownBy(() -> master.readInputRegisters(1, 0x0048, 2)).isInstanceOf(ModbusException.class)
                .isNotInstanceOf(ModbusSlaveException.class);
        assertThat(bus.slave().statistics().ignored()).isEqualTo(1);
        assertThat(master.readInputRegisters(1, 0x0048, 2)).hasSize(2);
    }

    @Test
    void faultyRepliesAreSeenOnTheWire() throws Exception {
        master.disconnect();
        try (RawClient client = RawClient.open(bus.path())) {
            byte[] request = RtuRequestFramerTest.request(7, 4, 0x0046, 2);
            byte[] good = client.ask(request, 9);
            assertThat(crcOk(good)).isTrue();

            bus.unit(7).faults().corruptCrc(1);
            byte[] corrupted = client.ask(request, 9);
            assertThat(corrupted).hasSize(9);
            assertThat(crcOk(corrupted)).isFalse();

            bus.unit(7).faults().answerWithWrongUnitId(1);
            byte[] foreign = client.ask(request, 9);
            assertThat(foreign[0]).isEqualTo((byte) 8);
            assertThat(crcOk(foreign)).isTrue();

            bus.unit(7).faults().answerLate(1, Duration.ofMillis(300));
            client.write(request);
            assertThat(client.read(9, Duration.ofMillis(150))).as("nothing yet after 150 ms").isEmpty();
            assertThat(client.read(9, Duration.ofSeconds(2))).hasSize(9);
        }
    }

    private static boolean crcOk(byte[] frame) {
        int[] crc = com.ghgande.j2mod.modbus.util.ModbusUtil.calculateCRC(frame, 0, frame.length - 2);
        return (frame[frame.length - 2] & 0xFF) == crc[0] && (frame[frame.length - 1] & 0xFF) == crc[1];
    }

    private static void assertSlaveException(ThrowingCall call, int code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ModbusSlaveException.class,
                e -> assertThat(e.getType()).as(e.getMessage()).isEqualTo(code));
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    private static float toFloat(InputRegister[] regs, int i) {
        return Float.intBitsToFloat(regs[i].getValue() << 16 | regs[i + 1].getValue());
    }
}
