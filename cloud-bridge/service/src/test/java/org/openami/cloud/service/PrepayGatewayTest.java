package org.openami.cloud.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openami.cloud.service.CloudFixture.CLOCK;
import static org.openami.cloud.service.CloudFixture.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.cloud.ingest.db.CommandRecord;
import org.openami.cloud.ingest.db.CommandState;
import org.openami.cloud.message.Command;
import org.openami.cloud.message.CommandType;
import org.openami.hal.relay.RelayState;
import org.openami.meter.app.SimulatedMeterFleet;
import org.openami.meter.security.MeterKeyStore;

/**
 * Local prepayment end to end: the concentrator (./ami concentrator, OSGi) with the prepayment
 * component charges two firmware meters from their registers as collection reads them. The
 * account with a small opening balance is tripped by the concentrator itself (its relay opens in
 * the simulated meter) while the broker is down, and the trip is reported once it is back; the keep-power account is never tripped; a TOP_UP command from the cloud
 * reconnects the first; every ledger entry reaches the cloud's account history.
 */
class PrepayGatewayTest {

    private static final String ID = "GW-PREPAY";

    @TempDir
    Path dir;

    @Test
    void theConcentratorTripsAnExhaustedAccountAndATopUpReconnectsIt() throws Exception {
        try (CloudService cloud = CloudService.start(CloudFixture.settings(dir.resolve("cloud")), CLOCK);
             SimulatedMeterFleet fleet = GatewayProcess.meters(dir.resolve("meters"))) {
            Path gw = dir.resolve("gw");
            Commissioning.commission(cloud.files(), gw, ID, CLOCK);
            cloud.keys().reload();
            Path archive = GatewayProcess.archive(dir.resolve("meters.csv"), "RES-FLAT");
            Path tariffs = Files.writeString(gw.resolve("tariffs.json"), """
                    {"tariffs":[{"id":"RES-FLAT","version":1,"effectiveFrom":"2026-01-01T00:00+08:00",
                      "kind":"FLAT","flatPriceFenPerKwh":"50000"}]}""");
            Path policy = Files.writeString(gw.resolve("policy.json"), """
                    {"alarm1Fen":2000,"alarm2Fen":1000,"tripAt":"ZERO","reconnect":"DIRECT_CLOSE",
                     "hoardingLimitFen":10000000,"windows":{"zone":"Asia/Shanghai"}}""");
            Path openings = Files.writeString(gw.resolve("openings.json"), "{\"A-0001\": 300, \"A-0002\": 100}");
            Path key = Files.writeString(gw.resolve("control.key"), HexFormat.of().formatHex(MeterKeyStore.DEMO_MASTER_KEY));
            String prepay = """
                    {"pid":"org.openami.concentrator.prepay","properties":{"ledger.file":"%s","tariffs.file":"%s",
                     "policy.file":"%s","openings.file":"%s","control.key.file":"%s","control.password":"2:123456",
                     "counter.file":"%s","tick.seconds":2,"sync.on.commit":false}}""".formatted(gw.resolve("ledger.mv.db"),
                    tariffs, policy, openings, key, gw.resolve("counters"));
            try (GatewayProcess gateway = GatewayProcess.start(gw, ID, cloud, fleet.path(), archive,
                    List.of(prepay))) {
                await("first readings in the cloud", Duration.ofSeconds(120),
                        () -> count(cloud, "SELECT count(*) FROM reading WHERE meter = '000000000001'") > 0);
                // the uplink goes down: the concentrator decides and trips on its own ...
                cloud.broker().stop();
                await("the relay of meter 1 open", Duration.ofSeconds(120), () -> contacts(fleet, 0) == RelayState.OPEN);
                cloud.broker().start();
                // ... and reports it when the uplink is back
                await("the trip of A-0001 reported", Duration.ofSeconds(180),
                        () -> count(cloud, "SELECT count(*) FROM meter_event WHERE type = 'PREPAY_TRIP' AND meter = '000000000001'") > 0);
                assertThat(contacts(fleet, 1)).as("keep-power meter").isEqualTo(RelayState.CLOSED);

                Command topUp = cloud.commands().send(ID, CommandType.TOP_UP, 0, "",
                        Map.of("account", "A-0001", "amount", "100000"), Duration.ofMinutes(5));
                await("the top-up applied", Duration.ofSeconds(60), () -> cloud.commandLog().find(topUp.commandId())
                        .map(CommandRecord::state).orElse(null) == CommandState.SUCCEEDED);
                assertThat(cloud.commandLog().find(topUp.commandId()).orElseThrow().result().orElseThrow().reason())
                        .startsWith("balance ");
                await("the reconnect", Duration.ofSeconds(60), () -> contacts(fleet, 0) == RelayState.CLOSED);
                await("the ledger in the cloud", Duration.ofSeconds(60), () -> count(cloud,
                        "SELECT count(*) FROM ledger_entry WHERE account = 'A-0001' AND kind = 'TOP_UP' AND reference = '"
                                + topUp.commandId() + "'") == 1);
                assertThat(count(cloud, "SELECT count(*) FROM ledger_entry WHERE account = 'A-0001' AND kind = 'CHARGE'"))
                        .isPositive();
                assertThat(count(cloud, "SELECT count(*) FROM meter_event WHERE type = 'PREPAY_TRIP' AND meter = '000000000002'"))
                        .as("keep-power is never tripped").isZero();
                assertThat(cloud.quarantine().count()).isZero();
            }
        }
    }

    private static RelayState contacts(SimulatedMeterFleet fleet, int i) {
        return fleet.meters().get(i).hardware().simulation().relay().contacts();
    }

    private static long count(CloudService cloud, String sql) throws Exception {
        try (Connection c = cloud.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
