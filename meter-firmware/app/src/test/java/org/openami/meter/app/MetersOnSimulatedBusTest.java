package org.openami.meter.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fazecast.jSerialComm.SerialPort;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.dlt645.DataIdentifier;
import org.openami.dlt645.Dlt645Decoder;
import org.openami.dlt645.Dlt645Frame;
import org.openami.dlt645.MeterAddress;
import org.openami.meter.link.FrameHandler;
import org.openami.meter.link.LinkSettings;
import org.openami.meter.link.SimulatedBus;
import org.openami.meter.security.MeterKeyStore;
import org.openami.meter.storage.SyncPolicy;
import org.openami.sim.board.SimChip;
import org.openami.sim.load.ProfileLoad;
import org.openami.sim.time.ManualClock;

/** What `ami sim bus` runs: whole meters on one simulated RS-485 bus, read by a jSerialComm master at 2400 8E1. */
class MetersOnSimulatedBusTest {

    @TempDir
    Path dir;

    @Test
    void onlyTheAddressedMeterAnswersAndNoneAnswersABroadcast() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-21T02:00:00Z"));
        List<MeterApplication> apps = new ArrayList<>();
        List<FrameHandler> handlers = new ArrayList<>();
        try {
            for (int i = 1; i <= 3; i++) {
                MeterAddress a = MeterAddress.of(i);
                Path d = dir.resolve(a.toString());
                var hw = SimulatedHardwareFactory.build(SimChip.ADE7953, ProfileLoad.residential(2000 + 1000 * i, i), i, clock, d);
                var s = new MeterApplication.Settings(a, d, ZoneId.of("Asia/Shanghai"), SyncPolicy.NONE, MeterKeyStore.demoKey(a),
                        false, 1, Duration.ofHours(1));
                MeterApplication app = MeterApplication.start(hw, clock, s, null);
                apps.add(app);
                handlers.add(app.slave());
            }
            for (int t = 0; t < 30; t++) {
                clock.advance(Duration.ofSeconds(1));
                apps.forEach(MeterApplication::sampleNow);
            }
            try (SimulatedBus bus = SimulatedBus.open(handlers, LinkSettings.dlt645Default())) {
                SerialPort port = SerialPort.getCommPort(bus.path());
                port.setComPortParameters(2400, 8, SerialPort.ONE_STOP_BIT, SerialPort.EVEN_PARITY);
                port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 200, 0);
                assertThat(port.openPort()).isTrue();
                try {
                    for (int i = 1; i <= 3; i++) {
                        Dlt645Frame r = ask(port, Dlt645Frame.readData(MeterAddress.of(i), DataIdentifier.COMMUNICATION_ADDRESS));
                        assertThat(r).isNotNull();
                        assertThat(r.address()).isEqualTo(MeterAddress.of(i));
                        Dlt645Frame e = ask(port, Dlt645Frame.readData(MeterAddress.of(i), DataIdentifier.FORWARD_ACTIVE_TOTAL));
                        assertThat(e.control().isAbnormal()).isFalse();
                    }
                    assertThat(ask(port, Dlt645Frame.readData(MeterAddress.of(9), DataIdentifier.FORWARD_ACTIVE_TOTAL)))
                            .as("no such meter").isNull();
                    assertThat(ask(port, Dlt645Frame.broadcastTimeSync(java.time.LocalDateTime.parse("2026-11-21T10:01:00"))))
                            .as("broadcast").isNull();
                    assertThat(apps).allSatisfy(a -> assertThat(a.engine().events(org.openami.meter.event.EventType.CLOCK_CHANGE))
                            .as("every meter acted on the broadcast").hasSize(1));
                } finally {
                    port.closePort();
                }
            }
        } finally {
            apps.forEach(MeterApplication::close);
        }
    }

    private static Dlt645Frame ask(SerialPort port, Dlt645Frame request) {
        byte[] req = request.encode(4);
        port.writeBytes(req, req.length);
        Dlt645Decoder decoder = new Dlt645Decoder();
        byte[] buf = new byte[256];
        long deadline = System.nanoTime() + 800_000_000L;
        while (System.nanoTime() < deadline) {
            int n = port.readBytes(buf, buf.length);
            if (n > 0) {
                List<Dlt645Frame> f = decoder.feed(buf, 0, n);
                if (!f.isEmpty()) {
                    return f.get(0);
                }
            }
        }
        return null;
    }
}
