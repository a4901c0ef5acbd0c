package org.openami.meter.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.dlt645.ControlCode.Function;
import org.openami.dlt645.DataIdentifier;
import org.openami.dlt645.Dlt645Frame;
import org.openami.dlt645.ErrorFlag;
import org.openami.dlt645.MeterAddress;
import org.openami.dlt645.Password;
import org.openami.dlt645.control.RelayControlCommand;
import org.openami.dlt645.control.RelayControlType;
import org.openami.dlt645.data.Bcd;
import org.openami.dlt645.data.ClockFormat;
import org.openami.dlt645.data.NumericFormat;
import org.openami.hal.relay.RelayState;
import org.openami.meter.engine.EngineFixture;
import org.openami.meter.event.EventType;
import org.openami.meter.link.SlaveReply;
import org.openami.meter.relay.RelayController;
import org.openami.meter.security.MeterKeyStore;
import org.openami.sim.board.SimChip;
import org.openami.sim.board.SimulatedBoard;

/** The slave in-process against an engine fed with exact energy (formats, rules, security); the serial path is in MeterOverSerialTest. */
class Dlt645SlaveTest {

    private static final MeterAddress OWN = EngineFixture.ADDRESS;
    private static final byte[] KEY = MeterKeyStore.demoKey(OWN);
    private static final Password LEVEL2 = new Password(2, 123456);

    @TempDir
    Path dir;
    private EngineFixture f;
    private SimulatedBoard board;
    private Dlt645Slave slave;
    private long counter = 1;

    @BeforeEach
    void setUp() throws Exception {
        f = new EngineFixture(dir, LocalDateTime.parse("2026-11-21T10:30:00").atZone(EngineFixture.ZONE).toInstant());
        board = SimulatedBoard.builder(SimChip.ADE7953).clock(f.clock).build();
        RelayController relay = new RelayController(board.board().relay(), f.engine);
        relay.restore();
        slave = new Dlt645Slave(f.engine, relay, KEY, 1, true);
    }

    @AfterEach
    void tearDown() {
        board.close();
        f.close();
    }

    private Dlt645Frame ask(Dlt645Frame request) {
        return slave.handle(request).map(SlaveReply::frame).orElseThrow(() -> new AssertionError("no reply to " + request));
    }

    private byte[] read(int di) {
        Dlt645Frame r = ask(Dlt645Frame.readData(OWN, DataIdentifier.of(di)));
        assertThat(r.control().isAbnormal()).as("DI %08X answered normally", di).isFalse();
        assertThat(r.dataIdentifier()).contains(DataIdentifier.of(di));
        byte[] d = r.data();
        return java.util.Arrays.copyOfRange(d, 4, d.length);
    }

    private static byte[] hex(String s) {
        return HexFormat.ofDelimiter(" ").parseHex(s);
    }

    @Test
    void knownAnswerReadAddressReply() throws Exception {
        Dlt645Frame reply = ask(Dlt645Frame.decode(hex("FE FE FE 68 AA AA AA AA AA AA 68 13 00 DF 16")));
        assertThat(reply.encode()).isEqualTo(hex("68 01 00 00 00 00 00 68 93 06 34 33 33 33 33 33 9D 16"));
    }

    @Test
    void knownAnswerNoRequestedData() {
        Dlt645Frame reply = ask(Dlt645Frame.readData(OWN, DataIdentifier.of(0x0F0F0F0F)));
        assertThat(reply.encode()).isEqualTo(hex("68 01 00 00 00 00 00 68 D1 01 35 D8 16"));
    }

    @Test
    void knownAnswerForwardActiveTotalOfAnotherMeter() throws Exception {
        MeterAddress other = MeterAddress.parse("218231000114");
        try (EngineFixture o = new EngineFixture(dir.resolve("other"), Instant.parse("2026-11-21T02:30:00Z"), other)) {
            o.run(1, 69_999); // 0.069999 kWh shows as 000000.06: truncated, never rounded up
            Dlt645Slave s = new Dlt645Slave(o.engine, new RelayController(board.board().relay(), o.engine), KEY, 1, true);
            Dlt645Frame reply = s.handle(Dlt645Frame.readData(other, DataIdentifier.FORWARD_ACTIVE_TOTAL)).orElseThrow().frame();
            assertThat(reply.encode()).isEqualTo(hex("68 14 01 00 31 82 21 68 91 08 33 33 34 33 39 33 33 33 F1 16"));
        }
    }

    @Test
    void energiesByTariffAndBlocks() {
        f.run(60, 1_000_000); // 60 kWh in the peak tariff (10:30)
        byte[] total = read(0x00010000);
        assertThat(NumericFormat.ENERGY.decode(total, 0)).isEqualTo(6000);
        assertThat(NumericFormat.ENERGY.decode(read(0x00010200), 0)).isEqualTo(6000);
        assertThat(NumericFormat.ENERGY.decode(read(0x00010100), 0)).isZero();
        byte[] block = read(0x0001FF00);
        assertThat(block).hasSize(20);
        assertThat(NumericFormat.ENERGY.decode(block, 0)).isEqualTo(6000);
        assertThat(NumericFormat.ENERGY.decode(block, 8)).isEqualTo(6000);
        assertThat(NumericFormat.COMBINED_ENERGY.decode(read(0x00000000), 0)).isEqualTo(6000);
        assertThat(read(0x0000FF00)).hasSize(20);
        assertThat(NumericFormat.ENERGY.decode(read(0x00020000), 0)).isZero();
        assertThat(read(0x0002FF00)).hasSize(20);
        assertThat(NumericFormat.ENERGY.decode(read(0x00030000), 0)).isEqualTo(600);
        // no settlement yet: previous settlement day has no data
        assertThat(ask(Dlt645Frame.readData(OWN, DataIdentifier.of(0x00010001))).errors()).containsExactly(ErrorFlag.NO_REQUESTED_DATA);
    }

    @Test
    void previousSettlementEnergyAfterTheMonthEnds() throws Exception {
        f.close();
        board.close();
        f = new EngineFixture(dir.resolve("m"), LocalDateTime.parse("2026-11-30T23:59:00").atZone(EngineFixture.ZONE).toInstant(), OWN);
        board = SimulatedBoard.builder(SimChip.ADE7953).clock(f.clock).build();
        slave = new Dlt645Slave(f.engine, new RelayController(board.board().relay(), f.engine), KEY, 1, true);
        f.run(60, 100_000);  // 59 ticks before midnight = 5.9 kWh
        f.run(60, 100_000);
        assertThat(NumericFormat.ENERGY.decode(read(0x00010001), 0)).isEqualTo(590);
        assertThat(NumericFormat.ENERGY.decode(read(0x00010000), 0)).isEqualTo(1200);
        assertThat(read(0x0001FF01)).hasSize(20);
        // and the daily freeze of the same midnight
        assertThat(ClockFormat.decodeMinute(read(0x05060001), 0)).isEqualTo(LocalDateTime.parse("2026-12-01T00:00"));
        assertThat(NumericFormat.ENERGY.decode(read(0x05060101), 0)).isEqualTo(590);
        assertThat(read(0x05060201)).hasSize(20);
        assertThat(ask(Dlt645Frame.readData(OWN, DataIdentifier.of(0x05060102))).errors()).containsExactly(ErrorFlag.NO_REQUESTED_DATA);
    }

    @Test
    void instantaneousValues() {
        f.run(1, 100);
        assertThat(NumericFormat.VOLTAGE.decode(read(0x02010100), 0)).isEqualTo(2301);
        assertThat(read(0x0201FF00)).hasSize(6);
        assertThat(NumericFormat.CURRENT.decode(read(0x02020100), 0)).isEqualTo(4350);
        assertThat(NumericFormat.ACTIVE_POWER.decode(read(0x02030000), 0)).isEqualTo(10_000);
        assertThat(NumericFormat.ACTIVE_POWER.decode(read(0x02030100), 0)).isEqualTo(10_000);
        assertThat(read(0x0203FF00)).hasSize(12);
        assertThat(NumericFormat.POWER_FACTOR.decode(read(0x02060000), 0)).isEqualTo(998);
        assertThat(NumericFormat.POWER_FACTOR.decode(read(0x02060100), 0)).isEqualTo(998);
        assertThat(NumericFormat.FREQUENCY.decode(read(0x02800002), 0)).isEqualTo(5001);
        assertThat(ask(Dlt645Frame.readData(OWN, DataIdentifier.of(0x02010200))).errors())
                .as("single-phase meter has no phase B").containsExactly(ErrorFlag.NO_REQUESTED_DATA);
    }

    @Test
    void clockAddressNumberAndStatus() {
        assertThat(ClockFormat.decodeDate(read(0x04000101), 0)).isEqualTo(java.time.LocalDate.of(2026, 11, 21));
        assertThat(ClockFormat.decodeTime(read(0x04000102), 0)).isEqualTo(java.time.LocalTime.of(10, 30));
        assertThat(read(0x04000401)).isEqualTo(OWN.toWire());
        assertThat(Bcd.decodeUnsigned(read(0x04000402), 0, 6)).isEqualTo(1);
        assertThat(read(0x04000503)).containsExactly(0, 0);
        assertThat(read(0x040005FF)).hasSize(14);
    }

    @Test
    void loadProfileRecordsFromAStartTime() {
        for (int i = 0; i < 60; i++) {
            f.step(java.time.Duration.ofMinutes(1), 10_000); // 0.6 kW
        }
        byte[] req = new byte[6];
        req[0] = Bcd.fromInt(3);
        System.arraycopy(ClockFormat.encodeMinute(LocalDateTime.parse("2026-11-21T11:00")), 0, req, 1, 5);
        Dlt645Frame reply = ask(Dlt645Frame.request(OWN, Function.READ_DATA, concat(DataIdentifier.of(0x06000001).toWire(), req)));
        byte[] d = reply.data();
        assertThat(Bcd.toInt(d[4], 4)).isEqualTo(3);
        assertThat(ClockFormat.decodeMinute(d, 5)).isEqualTo(LocalDateTime.parse("2026-11-21T11:00"));
        assertThat(ClockFormat.decodeMinute(d, 5 + 21)).isEqualTo(LocalDateTime.parse("2026-11-21T11:15"));
        assertThat(d).hasSize(4 + 1 + 3 * 21);
    }

    @Test
    void eventCountsAndRecords() throws Exception {
        f.engine.resetDemand(0x11223344);
        byte[] count = read(0x03300200);
        assertThat(Bcd.decodeUnsigned(count, 0, 3)).isEqualTo(1);
        byte[] rec = read(0x03300201);
        assertThat(ClockFormat.decodeDateTime(rec, 0)).isEqualTo(LocalDateTime.parse("2026-11-21T10:30"));
        assertThat(rec[6]).isEqualTo((byte) 0x44);
        assertThat(read(0x03300202)).as("a record not yet written reads as zeros").containsOnly(0);
    }

    @Test
    void broadcastIsActedOnButNeverAnswered() {
        LocalDateTime target = LocalDateTime.parse("2026-11-21T10:32:10");
        assertThat(slave.handle(Dlt645Frame.broadcastTimeSync(target))).isEmpty();
        assertThat(f.engine.localNow()).isEqualTo(target);
        assertThat(f.engine.events(EventType.CLOCK_CHANGE)).hasSize(1);
        // a second sync the same day is refused, and so is a large jump
        slave.handle(Dlt645Frame.broadcastTimeSync(LocalDateTime.parse("2026-11-21T10:33:00")));
        assertThat(f.engine.events(EventType.CLOCK_CHANGE)).hasSize(1);
        assertThat(slave.handle(Dlt645Frame.request(MeterAddress.BROADCAST, Function.READ_DATA, DataIdentifier.FORWARD_ACTIVE_TOTAL.toWire()))).isEmpty();
    }

    @Test
    void largeTimeSyncIsRefused() {
        slave.handle(Dlt645Frame.broadcastTimeSync(LocalDateTime.parse("2026-11-21T11:30:00")));
        assertThat(f.engine.events(EventType.CLOCK_CHANGE)).isEmpty();
    }

    @Test
    void otherMetersAndWildcardsThatDoNotMatchGetNothing() {
        assertThat(slave.handle(Dlt645Frame.readData(MeterAddress.parse("000000000002"), DataIdentifier.FORWARD_ACTIVE_TOTAL))).isEmpty();
        assertThat(slave.handle(Dlt645Frame.readData(MeterAddress.parse("AAAAAAAAAA02"), DataIdentifier.FORWARD_ACTIVE_TOTAL))).isEmpty();
        assertThat(slave.handle(Dlt645Frame.readData(MeterAddress.parse("AAAAAAAAAA01"), DataIdentifier.FORWARD_ACTIVE_TOTAL))).isPresent();
    }

    @Test
    void writeNeedsTheLevelTwoPasswordAndWrongOnesAreLogged() {
        byte[] table = DataTable.dayTable(org.openami.meter.tariff.DayTable.flat(org.openami.meter.register.Tariff.T4_VALLEY));
        Dlt645Frame bad = ask(write(0x04010001, new Password(2, 111111), table));
        assertThat(bad.errors()).containsExactly(ErrorFlag.UNAUTHORISED);
        assertThat(f.engine.events(EventType.AUTH_FAILURE)).hasSize(1);
        Dlt645Frame ok = ask(write(0x04010001, LEVEL2, table));
        assertThat(ok.control().isAbnormal()).isFalse();
        assertThat(read(0x04010001)).isEqualTo(table);
        assertThat(f.engine.events(EventType.PROGRAMMING)).hasSize(1);
    }

    @Test
    void writeRefusesNinePeriodsAndFifthTariffWithTheirBits() {
        byte[] nine = new byte[27];
        for (int i = 0; i < 9; i++) {
            nine[3 * i] = 1;
            nine[3 * i + 2] = Bcd.fromInt(i);
        }
        assertThat(ask(write(0x04010001, LEVEL2, nine)).errors()).containsExactly(ErrorFlag.TOO_MANY_DAILY_PERIODS);
        assertThat(ask(write(0x04010001, LEVEL2, new byte[] {5, 0, 0})).errors()).containsExactly(ErrorFlag.TOO_MANY_TARIFFS);
        assertThat(ask(write(0x04010001, LEVEL2, new byte[] {1, 0x10, 0})).errors()).as("10 past is no quarter").containsExactly(ErrorFlag.OTHER);
    }

    @Test
    void fiveWrongPasswordsLockProgramming() {
        for (int i = 0; i < 5; i++) {
            ask(write(0x04000601, new Password(2, 1), new byte[] {1}));
        }
        assertThat(ask(write(0x04000601, LEVEL2, new byte[] {1})).errors()).as("locked even with the right password")
                .containsExactly(ErrorFlag.UNAUTHORISED);
    }

    @Test
    void authenticatedTripAndCloseMoveTheRealRelay() {
        assertThat(ask(control(RelayControlType.TRIP, LocalDateTime.parse("2026-11-21T10:35:00"))).control().isAbnormal()).isFalse();
        assertThat(board.relay().contacts()).isEqualTo(RelayState.OPEN);
        assertThat(read(0x04000503)[0] & 0x50).as("bit4 contact open, bit6 commanded open").isEqualTo(0x50);
        assertThat(f.engine.events(EventType.RELAY_TRIP)).hasSize(1);
        assertThat(ask(control(RelayControlType.DIRECT_CLOSE, LocalDateTime.parse("2026-11-21T10:35:00"))).control().isAbnormal()).isFalse();
        assertThat(board.relay().contacts()).isEqualTo(RelayState.CLOSED);
        assertThat(read(0x04000503)[0] & 0x50).isZero();
    }

    @Test
    void statusWordThreeReportsTheContactNotTheCommand() {
        board.relay().weld(); // contacts stuck closed
        ask(control(RelayControlType.TRIP, LocalDateTime.parse("2026-11-21T10:35:00")));
        assertThat(read(0x04000503)[0] & 0x50).as("commanded open, contact still closed").isEqualTo(0x40);
    }

    @Test
    void forgedReplayedAndExpiredControlsAreRefusedAndLogged() {
        LocalDateTime exp = LocalDateTime.parse("2026-11-21T10:35:00");
        Dlt645Frame trip = new RelayControlCommand(LEVEL2, 1, RelayControlType.TRIP, exp, 100).toFrame(OWN, KEY);
        assertThat(ask(trip).control().isAbnormal()).isFalse();
        ask(control(RelayControlType.DIRECT_CLOSE, exp));
        assertThat(ask(trip).errors()).as("replay").containsExactly(ErrorFlag.UNAUTHORISED);
        byte[] wrongKey = MeterKeyStore.demoKey(MeterAddress.parse("000000000002"));
        assertThat(ask(new RelayControlCommand(LEVEL2, 1, RelayControlType.TRIP, exp, 5000).toFrame(OWN, wrongKey)).errors())
                .as("forged").containsExactly(ErrorFlag.UNAUTHORISED);
        assertThat(ask(new RelayControlCommand(LEVEL2, 1, RelayControlType.TRIP, LocalDateTime.parse("2026-11-21T10:29:59"), 5001)
                .toFrame(OWN, KEY)).errors()).as("expired").containsExactly(ErrorFlag.UNAUTHORISED);
        byte[] tampered = trip.data();
        tampered[8] = 0x1C; // turn the signed trip into a close
        assertThat(ask(Dlt645Frame.request(OWN, Function.CONTROL, tampered)).errors()).containsExactly(ErrorFlag.UNAUTHORISED);
        assertThat(board.relay().contacts()).isEqualTo(RelayState.CLOSED);
        assertThat(f.engine.events(EventType.AUTH_FAILURE)).extracting(e -> e.value2())
                .contains((long) org.openami.meter.security.PasswordGuard.REPLAYED,
                        (long) org.openami.meter.security.PasswordGuard.BAD_MAC,
                        (long) org.openami.meter.security.PasswordGuard.EXPIRED);
    }

    @Test
    void keepPowerBlocksTrips() {
        LocalDateTime exp = LocalDateTime.parse("2026-11-21T10:35:00");
        ask(control(RelayControlType.KEEP_POWER, exp));
        assertThat(ask(control(RelayControlType.TRIP, exp)).errors()).containsExactly(ErrorFlag.OTHER);
        assertThat(board.relay().contacts()).isEqualTo(RelayState.CLOSED);
        assertThat(read(0x04000503)[1] & 0x10).as("bit12 keep-power").isEqualTo(0x10);
        ask(control(RelayControlType.KEEP_POWER_RELEASE, exp));
        assertThat(ask(control(RelayControlType.TRIP, exp)).control().isAbnormal()).isFalse();
        assertThat(board.relay().contacts()).isEqualTo(RelayState.OPEN);
    }

    @Test
    void clearsNeedTheirPasswordLevel() {
        f.run(10, 1000);
        byte[] level2 = credentials(LEVEL2);
        assertThat(ask(Dlt645Frame.request(OWN, Function.METER_CLEAR, level2)).errors()).containsExactly(ErrorFlag.UNAUTHORISED);
        assertThat(ask(Dlt645Frame.request(OWN, Function.METER_CLEAR, credentials(new Password(0, 0)))).control().isAbnormal()).isFalse();
        assertThat(f.engine.registers().total(org.openami.meter.register.EnergyKind.FORWARD_ACTIVE)).isZero();
        assertThat(ask(Dlt645Frame.request(OWN, Function.MAX_DEMAND_RESET, level2)).control().isAbnormal()).isFalse();
        byte[] eventClear = concat(level2, DataIdentifier.of(0x03300200).toWire());
        assertThat(ask(Dlt645Frame.request(OWN, Function.EVENT_CLEAR, eventClear)).control().isAbnormal()).isFalse();
        assertThat(f.engine.eventCount(EventType.DEMAND_RESET)).isZero();
    }

    @Test
    void freezeNowAndBaudChange() {
        assertThat(ask(Dlt645Frame.request(OWN, Function.FREEZE, new byte[] {(byte) 0x99, (byte) 0x99, (byte) 0x99, (byte) 0x99}))
                .control().isAbnormal()).isFalse();
        assertThat(read(0x05010001)).hasSize(5);
        Optional<SlaveReply> r = slave.handle(Dlt645Frame.request(OWN, Function.CHANGE_BAUD_RATE, new byte[] {0x20}));
        assertThat(r).isPresent();
        assertThat(r.get().baudAfterReply()).hasValue(9600);
        assertThat(r.get().frame().data()).containsExactly(0x20);
        assertThat(ask(Dlt645Frame.request(OWN, Function.CHANGE_BAUD_RATE, new byte[] {0x30})).errors())
                .containsExactly(ErrorFlag.BAUD_RATE_NOT_CHANGEABLE);
    }

    @Test
    void unsupportedFunctionsGetOtherError() {
        assertThat(ask(Dlt645Frame.request(OWN, Function.CHANGE_PASSWORD, new byte[12])).errors()).isEqualTo(Set.of(ErrorFlag.OTHER));
    }

    private Dlt645Frame control(RelayControlType type, LocalDateTime expiry) {
        return new RelayControlCommand(LEVEL2, 0x01020304, type, expiry, ++counter + 1000).toFrame(OWN, KEY);
    }

    private static Dlt645Frame write(int di, Password p, byte[] value) {
        return Dlt645Frame.request(OWN, Function.WRITE_DATA, concat(concat(DataIdentifier.of(di).toWire(), credentials(p)), value));
    }

    private static byte[] credentials(Password p) {
        byte[] c = new byte[8];
        p.writeTo(c, 0);
        c[4] = 0x78;
        return c;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
