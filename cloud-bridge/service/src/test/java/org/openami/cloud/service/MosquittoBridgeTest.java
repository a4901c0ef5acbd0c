package org.openami.cloud.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.openami.cloud.service.CloudFixture.CLOCK;
import static org.openami.cloud.service.CloudFixture.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.cloud.broker.BrokerSettings;
import org.openami.cloud.broker.MosquittoBroker;
import org.openami.cloud.broker.TlsFiles;
import org.openami.cloud.ingest.db.ReadingKey;
import org.openami.cloud.ingest.db.ReadingQueries;
import org.openami.cloud.message.CommandType;
import org.openami.cloud.service.sim.ReadingGenerator;
import org.openami.cloud.service.sim.SimulatedConcentrator;
import org.openami.cloud.topic.Topics;
import org.openami.cloud.uplink.CommandExecutor.CommandOutcome;
import org.openami.concentrator.model.Reading;

/**
 * The bridge through a real Mosquitto (Debian package, installed by .ci/run) instead of the
 * embedded HiveMQ: TLS 1.3 with client certificates, the shared subscription of the ingest
 * workers, readings into PostgreSQL, a command down and its result up, a forged envelope
 * quarantined. Skipped when mosquitto is missing unless AMI_REQUIRE_MOSQUITTO=1 (CI).
 */
class MosquittoBridgeTest {

    private static final String ID = "CONC-MQ";

    @TempDir
    Path dir;

    @Test
    void readingsAndCommandsCrossMosquitto() throws Exception {
        if (MosquittoBroker.findExecutable().isEmpty()) {
            if ("1".equals(System.getenv("AMI_REQUIRE_MOSQUITTO"))) {
                fail("AMI_REQUIRE_MOSQUITTO=1 but no mosquitto binary was found");
            }
            assumeTrue(false, "mosquitto is not installed");
        }
        CloudFiles files = new CloudFiles(dir.resolve("cloud"));
        files.initialise(List.of("localhost"), List.of("127.0.0.1"), CLOCK);
        Path b = files.brokerDir();
        TlsFiles tls = new TlsFiles(b.resolve("broker.p12"), files.storePassword(), b.resolve("truststore.p12"),
                files.storePassword(), b.resolve("broker.key.pem"), b.resolve("broker.crt.pem"), b.resolve("ca.crt.pem"));
        try (MosquittoBroker mosquitto = new MosquittoBroker(BrokerSettings.builder(dir.resolve("mosquitto"), tls)
                .tlsPort(0).build())) {
            mosquitto.start();
            try (CloudService cloud = CloudService.start(CloudFixture.settings(files.root())
                    .withBroker(mosquitto.tlsUri()), CLOCK)) {
                Commissioning.commission(files, dir.resolve("c"), ID, CLOCK);
                cloud.keys().reload();
                try (SimulatedConcentrator c = SimulatedConcentrator.start(dir.resolve("c"), ID, mosquitto.tlsUri(),
                        CloudFixture.uplink(ID), cmd -> CompletableFuture.completedFuture(CommandOutcome.ok("read")), CLOCK)) {
                    ReadingGenerator gen = new ReadingGenerator(100, 1_767_225_600_000L, 400_000_000_000L);
                    List<Reading> readings = gen.range(0, 3_000);
                    c.produce(readings);
                    ReadingQueries q = new ReadingQueries(cloud.dataSource());
                    await("3,000 readings via Mosquitto", Duration.ofSeconds(60), () -> q.countForConcentrator(ID) == 3_000);
                    Map<ReadingKey, Long> rows = q.snapshot(5_000);
                    for (Reading r : readings) {
                        assertThat(rows.get(new ReadingKey(r.meter(), r.quantity(), r.kind(), r.dataTime()))).isEqualTo(r.value());
                    }
                    var sent = cloud.commands().send(ID, CommandType.READ_NOW, 1, "", Map.of(), Duration.ofMinutes(5));
                    await("the command's result", Duration.ofSeconds(30), () -> cloud.commandLog().find(sent.commandId())
                            .flatMap(r -> r.result()).isPresent());
                    cloud.commands().publishRaw(Topics.topic(ID, Topics.Channel.TELEMETRY), new byte[] {'A', 'M', 'I', 'E', 1});
                    await("the forged envelope quarantined", Duration.ofSeconds(30), () -> cloud.quarantine().count() == 1);
                }
            }
        }
    }
}
