package org.openami.meter.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.dlt645.DataIdentifier;
import org.openami.dlt645.Dlt645Frame;
import org.openami.dlt645.MeterAddress;
import org.openami.dlt645.Password;
import org.openami.dlt645.control.RelayControlCommand;
import org.openami.dlt645.control.RelayControlType;
import org.openami.dlt645.data.NumericFormat;
import org.openami.hal.relay.RelayState;
import org.openami.meter.link.LinkOptions;
import org.openami.meter.link.LinkSettings;
import org.openami.meter.link.SerialSlaveLink;
import org.openami.meter.register.EnergyKind;
import org.openami.meter.security.MeterKeyStore;
import org.openami.meter.storage.SyncPolicy;
import org.openami.sim.board.SimChip;
import org.openami.sim.load.ConstantLoad;
import org.openami.sim.load.PhaseState;
import org.openami.sim.serial.PseudoTerminal;
import org.openami.sim.time.ManualClock;

/**
 * The whole meter (simulated ADE7953 board, journal, engine, slave) behind a real
 * pseudo-terminal that it opens with jSerialComm at 2400 8E1; the test is the master.
 */
class MeterOverSerialTest {

    private static final MeterAddress OWN = MeterAddress.parse("000000000001");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** Every DI the issue lists, as the master would read them. */
    private static final List<Integer> LISTED = List.of(
            0x00000000, 0x00000100, 0x00000400, 0x0000FF00, 0x00000001,
            0x00010000, 0x00010100, 0x00010200, 0x00010300, 0x00010400, 0x0001FF00, 0x00010001, 0x0001FF01,
            0x00020000, 0x00020400, 0x0002FF00, 0x00020001,
            0x00030000, 0x00040000,
            0x01010000, 0x01020000,
            0x02010100, 0x0201FF00, 0x02020100, 0x0202FF00, 0x02030000, 0x02030100, 0x0203FF00,
            0x02040000, 0x02050000, 0x02060000, 0x02060100, 0x0206FF00, 0x02800002, 0x02800004,
            0x04000101, 0x04000102, 0x04000107, 0x04000401, 0x04000402, 0x04000501, 0x04000502, 0x04000503,
            0x04000504, 0x04000505, 0x04000506, 0x04000507, 0x040005FF, 0x04000601, 0x04000B01, 0x04010001, 0x04020001,
            0x05060001, 0x05060101, 0x05060201, 0x05060301, 0x05060401, 0x05060901, 0x05060A01,
            0x03110000, 0x03110001, 0x03300D00, 0x03300100, 0x03300200, 0x03300300, 0x03300400, 0x03300401,
            0x1D000000, 0x1D000001, 0x1E000000, 0x03301200, 0x03300000);

    @TempDir
    Path dir;
    private ManualClock clock;
    private PseudoTerminal pty;
    private MeterApplication app;
    private SerialSlaveLink link;
    private PtyMaster master;

    @BeforeEach
    void start() throws Exception {
        clock = new ManualClock(LocalDateTime.parse("2026-11-30T23:58:00").atZone(ZONE).toInstant());
        var hw = SimulatedHardwareFactory.build(SimChip.ADE7953, new ConstantLoad(PhaseState.ofPower(230, 2200, 300, 50)), 7, clock, dir);
        var settings = new MeterApplication.Settings(OWN, dir, ZONE, SyncPolicy.NONE, MeterKeyStore.demoKey(OWN), true, 1, Duration.ofHours(1));
        app = MeterApplication.start(hw, clock, settings, null);
        pty = PseudoTerminal.open();
        link = SerialSlaveLink.open(pty.slavePath(), LinkSettings.dlt645Default(), LinkOptions.defaults(), app.slave());
        master = new PtyMaster(pty);
        for (int i = 0; i < 240; i++) { // four minutes over midnight and the settlement
            clock.advance(Duration.ofSeconds(1));
            app.sampleNow();
        }
    }

    @AfterEach
    void stop() {
        if (link != null) {
            link.close();
        }
        if (app != null) {
            app.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    @Test
    void theMasterReadsEveryListedIdentifierOverTheTty() throws Exception {
        for (int di : LISTED) {
            Dlt645Frame reply = master.ask(Dlt645Frame.readData(OWN, DataIdentifier.of(di)), TIMEOUT);
            assertThat(reply).as("reply to %08X", di).isNotNull();
            assertThat(reply.control().isAbnormal()).as("DI %08X: %s", di, reply).isFalse();
            assertThat(reply.address()).isEqualTo(OWN);
            assertThat(reply.dataIdentifier()).contains(DataIdentifier.of(di));
            assertThat(master.lastLatencyNanos).as("turnaround of %08X", di).isGreaterThanOrEqualTo(20_000_000L);
        }
        // the values are the engine's, in the standard's units
        Dlt645Frame fwd = master.ask(Dlt645Frame.readData(OWN, DataIdentifier.FORWARD_ACTIVE_TOTAL), TIMEOUT);
        long kwh100 = NumericFormat.ENERGY.decode(fwd.data(), 4);
        assertThat(kwh100).isEqualTo(app.engine().registers().total(EnergyKind.FORWARD_ACTIVE) / 10_000);
        assertThat(kwh100).as("about 2.2 kW for 4 minutes").isBetween(13L, 15L);
        Dlt645Frame v = master.ask(Dlt645Frame.readData(OWN, DataIdentifier.VOLTAGE_A), TIMEOUT);
        assertThat(NumericFormat.VOLTAGE.decode(v.data(), 4)).isBetween(2290L, 2310L);
    }

    @Test
    void knownAnswerReadAddressOverTheWire() throws Exception {
        master.send(HexFormat.ofDelimiter(" ").parseHex("FE FE FE 68 AA AA AA AA AA AA 68 13 00 DF 16"));
        Dlt645Frame r = master.ask(Dlt645Frame.readData(MeterAddress.parse("999999999998"), DataIdentifier.FORWARD_ACTIVE_TOTAL), TIMEOUT);
        assertThat(master.lastRaw).containsSequence(HexFormat.ofDelimiter(" ").parseHex("68 01 00 00 00 00 00 68 93 06 34 33 33 33 33 33 9D 16"));
        assertThat(r).isNotNull();
    }

    @Test
    void noiseAndATruncatedFrameDoNotDelayTheNextRequest() throws Exception {
        master.send(new byte[] {0x00, (byte) 0xFF, 0x68, 0x01, 0x02, 0x55, 0x68, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x68, 0x11});
        long t0 = System.nanoTime();
        Dlt645Frame r = master.ask(Dlt645Frame.readData(OWN, DataIdentifier.FREQUENCY), TIMEOUT);
        assertThat(r).isNotNull();
        assertThat(r.control().isAbnormal()).isFalse();
        assertThat(System.nanoTime() - t0).as("well before the 500 ms inter-byte timeout").isLessThan(450_000_000L);
    }

    @Test
    void anAuthenticatedTripOpensTheSimulatedContacts() throws Exception {
        var trip = new RelayControlCommand(new Password(2, 123456), 1, RelayControlType.TRIP,
                LocalDateTime.parse("2026-12-01T00:10:00"), 1).toFrame(OWN, MeterKeyStore.demoKey(OWN));
        Dlt645Frame r = master.ask(trip, TIMEOUT);
        assertThat(r.control().isAbnormal()).isFalse();
        assertThat(app.hardware().simulation().relay().contacts()).isEqualTo(RelayState.OPEN);
        Dlt645Frame status = master.ask(Dlt645Frame.readData(OWN, DataIdentifier.STATUS_WORD_3), TIMEOUT);
        assertThat(status.data()[4] & 0x10).as("bit4: contact open, from the feedback pin").isEqualTo(0x10);
        assertThat(master.ask(trip, TIMEOUT).control().isAbnormal()).as("replayed").isTrue();
    }
}
