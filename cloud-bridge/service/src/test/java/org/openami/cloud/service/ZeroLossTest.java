package org.openami.cloud.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openami.cloud.service.CloudFixture.CLOCK;
import static org.openami.cloud.service.CloudFixture.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.cloud.broker.BrokerSettings;
import org.openami.cloud.broker.EmbeddedHiveMq;
import org.openami.cloud.broker.TlsFiles;
import org.openami.cloud.ingest.db.ReadingKey;
import org.openami.cloud.ingest.db.ReadingQueries;
import org.openami.cloud.service.sim.ReadingGenerator;
import org.openami.concentrator.model.Reading;

/**
 * Zero loss: a fixed set of N readings is produced by a concentrator in its own process while
 * the broker is stopped and started again, the concentrator process is killed with SIGKILL and
 * started again, and the cloud service (with its database) is stopped and started again. At the
 * end PostgreSQL holds exactly N readings with the produced values and nothing is quarantined.
 */
class ZeroLossTest {

    private static final String ID = "CONC-ZL";
    private static final int N = 30_000;

    @TempDir
    Path dir;

    static ReadingGenerator generator() {
        return new ReadingGenerator(300, 1_767_225_600_000L, 300_000_000_000L);
    }

    @Test
    void everyReadingArrivesExactlyOnceThroughBrokerConcentratorAndCloudRestarts() throws Exception {
        CloudFiles files = new CloudFiles(dir.resolve("cloud"));
        files.initialise(List.of("localhost"), List.of("127.0.0.1"), CLOCK);
        Path b = files.brokerDir();
        TlsFiles tls = new TlsFiles(b.resolve("broker.p12"), files.storePassword(), b.resolve("truststore.p12"),
                files.storePassword(), b.resolve("broker.key.pem"), b.resolve("broker.crt.pem"), b.resolve("ca.crt.pem"));
        EmbeddedHiveMq broker = new EmbeddedHiveMq(BrokerSettings.builder(dir.resolve("hivemq"), tls).tlsPort(0).build());
        broker.start();
        CloudSettings settings = CloudFixture.settings(files.root()).withBroker(broker.tlsUri());
        CloudService cloud = CloudService.start(settings, CLOCK);
        Path conc = dir.resolve("concentrator");
        Commissioning.commission(files, conc, ID, CLOCK);
        cloud.keys().reload();
        Process child = spawn(conc, broker.tlsUri());
        try {
            awaitCount(cloud, N / 6);

            broker.stop();
            Thread.sleep(2_000);
            broker.start();
            awaitCount(cloud, N / 3);

            child.destroyForcibly().waitFor();
            child = spawn(conc, broker.tlsUri());
            awaitCount(cloud, N / 2);

            cloud.close();
            Thread.sleep(1_000);
            cloud = CloudService.start(settings, CLOCK);

            CloudService c = cloud;
            ReadingQueries q = new ReadingQueries(c.dataSource());
            await("all " + N + " readings", Duration.ofSeconds(180), () -> q.countForConcentrator(ID) >= N);
            Thread.sleep(2_000); // anything still in flight would show up as an extra row
            assertThat(q.countForConcentrator(ID)).isEqualTo(N);
            Map<ReadingKey, Long> rows = q.snapshot(N + 10);
            ReadingGenerator gen = generator();
            for (int i = 0; i < N; i++) {
                Reading r = gen.reading(i);
                assertThat(rows.get(new ReadingKey(r.meter(), r.quantity(), r.kind(), r.dataTime())))
                        .as("reading %d", i).isEqualTo(r.value());
            }
            assertThat(c.quarantine().count()).isZero();
        } finally {
            child.destroyForcibly().waitFor();
            cloud.close();
            broker.stop();
        }
    }

    private static void awaitCount(CloudService cloud, long atLeast) throws Exception {
        ReadingQueries q = new ReadingQueries(cloud.dataSource());
        await(atLeast + " readings", Duration.ofSeconds(120), () -> q.countForConcentrator(ID) >= atLeast);
    }

    private static Process spawn(Path conc, String broker) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), ZeroLossConcentrator.class.getName(),
                conc.toString(), ID, broker, Integer.toString(N), "250", "100")
                .redirectErrorStream(true).redirectOutput(conc.resolve("child.log").toFile()).start();
    }
}
