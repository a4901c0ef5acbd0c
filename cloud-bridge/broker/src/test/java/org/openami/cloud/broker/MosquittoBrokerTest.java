package org.openami.cloud.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker contract against a real mosquitto process. Skipped when mosquitto is not
 * installed, unless {@code AMI_REQUIRE_MOSQUITTO=1} (set in CI), which makes its absence a failure.
 */
class MosquittoBrokerTest extends BrokerContractTest {

    @Override
    @BeforeAll
    void startSharedBroker(@TempDir java.nio.file.Path tempDir) throws Exception {
        if (MosquittoBroker.findExecutable().isEmpty()) {
            if ("1".equals(System.getenv("AMI_REQUIRE_MOSQUITTO"))) {
                fail("AMI_REQUIRE_MOSQUITTO=1 but no mosquitto binary was found on PATH nor in /usr/sbin: "
                        + "install it (Debian: apt-get install mosquitto)");
            }
            assumeTrue(false, "mosquitto is not installed; set AMI_REQUIRE_MOSQUITTO=1 to make this a failure");
        }
        super.startSharedBroker(tempDir);
    }

    @Override
    Broker newBroker(BrokerSettings settings) {
        return new MosquittoBroker(settings);
    }

    @Test
    void unusableKeyFileFailsTheStartWithMosquittosOwnWords() throws Exception {
        java.nio.file.Path badKey = dir.resolve("bad.key");
        Files.writeString(badKey, "this is not a private key\n");
        TlsFiles files = pki.files;
        TlsFiles bad = new TlsFiles(null, null, null, null, badKey, files.serverCertPem(), files.caPem());
        MosquittoBroker broker = new MosquittoBroker(settings("bad-key").withTls(bad));
        org.assertj.core.api.Assertions.assertThatThrownBy(broker::start)
                .isInstanceOf(BrokerException.class)
                .hasMessageContaining("mosquitto exited with code")
                .hasMessageContaining("last lines of")
                .hasMessageContaining("key");
        assertThat(broker.running()).isFalse();
    }

    @Test
    void nonExecutableBinaryIsNamed() throws Exception {
        java.nio.file.Path fake = Files.writeString(dir.resolve("mosquitto-fake"), "#!/bin/sh\n");
        MosquittoBroker broker = new MosquittoBroker(settings("fake"), fake);
        org.assertj.core.api.Assertions.assertThatThrownBy(broker::start)
                .isInstanceOf(BrokerException.class)
                .hasMessageContaining(fake.toString())
                .hasMessageContaining("not executable");
    }

    @Test
    void writesItsLogAndConfigurationInTheDataDirectory() {
        BrokerSettings settings = ((MosquittoBroker) shared).settings();
        assertThat(settings.dataDir().resolve("mosquitto.conf")).isRegularFile();
        assertThat(LogTail.lastLines(settings.dataDir().resolve(MosquittoConfig.LOG_FILE), 200))
                .anyMatch(line -> line.contains("Opening ipv4 listen socket on port " + shared.tlsPort()));
        assertThat(((MosquittoBroker) shared).pid()).isPositive();
    }

    @Test
    void killedBrokerRestartsOnTheSamePortWithItsSavedSessions() throws Exception {
        MosquittoBroker broker = new MosquittoBroker(settings("killed"));
        try {
            broker.start();
            int port = broker.tlsPort();
            String subscriberId = "cloud-" + UUID.randomUUID();
            try (TestClient sub = new TestClient(broker.tlsUri(), subscriberId)
                    .connect(pki.clientSocketFactory(pki.clientB), false, 86_400)) {
                sub.subscribe("ami/crash/#", 1);
                sub.disconnect();
            }
            // wait until an autosave after the subscription has written mosquitto.db
            java.time.Instant subscribed = java.time.Instant.now();
            java.nio.file.Path db = broker.settings().dataDir().resolve("mosquitto.db");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!savedAfter(db, subscribed) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(savedAfter(db, subscribed)).as("database autosaved after the subscription").isTrue();

            broker.kill();
            assertThat(broker.running()).isFalse();
            broker.start();
            assertThat(broker.tlsPort()).isEqualTo(port);

            try (TestClient sub = new TestClient(broker.tlsUri(), subscriberId)) {
                sub.connect(pki.clientSocketFactory(pki.clientB), false, 86_400);
                assertThat(sub.sessionPresent()).as("session restored from the autosave").isTrue();
                try (TestClient pub = tlsClient(broker, pki.clientA, "conc")) {
                    pub.publish("ami/crash/x", "after-crash");
                }
                TestClient.Received r = sub.poll(30, TimeUnit.SECONDS);
                assertThat(r).as("message on the restored subscription").isNotNull();
                assertThat(r.text()).isEqualTo("after-crash");
            }
        } finally {
            broker.close();
        }
    }

    private static boolean savedAfter(java.nio.file.Path db, java.time.Instant moment) throws java.io.IOException {
        return Files.exists(db) && Files.getLastModifiedTime(db).toInstant().isAfter(moment);
    }
}
