package org.openami.cloud.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Broker} must do, checked against the real broker with Paho MQTT 5 clients
 * over mutual TLS. Subclasses say which broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrokerContractTest {

    private static final long WAIT_SECONDS = 30;

    Path dir;

    TestPki pki;
    Broker shared;

    /** @return a broker of the kind under test */
    abstract Broker newBroker(BrokerSettings settings);

    @BeforeAll
    void startSharedBroker(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        pki = new TestPki(dir.resolve("pki"));
        shared = newBroker(settings("shared").withPlainPort(0));
        shared.start();
    }

    @AfterAll
    void stopSharedBroker() {
        if (shared != null) {
            shared.close();
        }
    }

    BrokerSettings settings(String name) {
        return BrokerSettings.builder(dir.resolve(name), pki.files).tlsPort(0).build();
    }

    TestClient tlsClient(Broker broker, TestPki.Identity identity, String prefix) throws Exception {
        return new TestClient(broker.tlsUri(), prefix + "-" + UUID.randomUUID())
                .connect(pki.clientSocketFactory(identity), true, 0);
    }

    @Test
    void qos1MessagesFlowOverMutualTls() throws Exception {
        assertThat(shared.running()).isTrue();
        assertThat(shared.tlsUri()).isEqualTo("ssl://127.0.0.1:" + shared.tlsPort());
        assertThat(shared.tlsPort()).isPositive();
        try (TestClient sub = tlsClient(shared, pki.clientB, "sub"); TestClient pub = tlsClient(shared, pki.clientA, "pub")) {
            sub.subscribe("ami/qos1/#", 1);
            Set<String> sent = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                String payload = "reading-" + i;
                pub.publish("ami/qos1/c" + (i % 3), payload);
                sent.add(payload);
            }
            Set<String> got = new HashSet<>();
            for (int i = 0; i < sent.size(); i++) {
                TestClient.Received r = sub.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                assertThat(r).as("message %d of %d", i + 1, sent.size()).isNotNull();
                assertThat(r.qos()).isEqualTo(1);
                assertThat(r.topic()).startsWith("ami/qos1/c");
                got.add(r.text());
            }
            assertThat(got).isEqualTo(sent);
        }
    }

    @Test
    void envelopeOfFourMebibytesPassesThrough() throws Exception {
        byte[] payload = new byte[4 * 1024 * 1024];
        new Random(42).nextBytes(payload);
        try (TestClient sub = tlsClient(shared, pki.clientB, "sub"); TestClient pub = tlsClient(shared, pki.clientA, "pub")) {
            sub.subscribe("ami/big", 1);
            pub.publish("ami/big", payload, 1);
            TestClient.Received r = sub.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(r).isNotNull();
            assertThat(r.payload()).isEqualTo(payload);
        }
    }

    @Test
    void clientWithoutCertificateIsRefused() throws Exception {
        try (TestClient anonymous = new TestClient(shared.tlsUri(), "anon-" + UUID.randomUUID())) {
            assertThatThrownBy(() -> anonymous.connect(pki.clientSocketFactory(null), true, 0))
                    .isInstanceOf(MqttException.class);
            assertThat(anonymous.connected()).isFalse();
        }
        try (TestClient fine = tlsClient(shared, pki.clientA, "after-refusal")) {
            assertThat(fine.connected()).isTrue();
        }
    }

    @Test
    void clientWithForeignCaCertificateIsRefused() throws Exception {
        try (TestClient intruder = new TestClient(shared.tlsUri(), "intruder-" + UUID.randomUUID())) {
            assertThatThrownBy(() -> intruder.connect(pki.clientSocketFactory(pki.foreignClient), true, 0))
                    .isInstanceOf(MqttException.class);
            assertThat(intruder.connected()).isFalse();
        }
    }

    @Test
    void plainListenerServesWithoutTls() throws Exception {
        assertThat(shared.plainPort()).isPositive().isNotEqualTo(shared.tlsPort());
        assertThat(shared.plainUri()).isEqualTo("tcp://127.0.0.1:" + shared.plainPort());
        try (TestClient sub = new TestClient(shared.plainUri(), "plain-sub").connect(null, true, 0);
             TestClient pub = new TestClient(shared.plainUri(), "plain-pub").connect(null, true, 0)) {
            sub.subscribe("ami/plain", 1);
            pub.publish("ami/plain", "hello");
            TestClient.Received r = sub.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(r).isNotNull();
            assertThat(r.text()).isEqualTo("hello");
        }
    }

    @Test
    void sharedSubscriptionGivesEachMessageToExactlyOneMember() throws Exception {
        try (TestClient first = tlsClient(shared, pki.clientB, "cloud-1");
             TestClient second = tlsClient(shared, pki.clientB, "cloud-2");
             TestClient pub = tlsClient(shared, pki.clientA, "pub")) {
            first.subscribe("$share/g/ami/shared/#", 1);
            second.subscribe("$share/g/ami/shared/#", 1);
            // A broker chooses which member gets a message (MQTT 5 leaves it to the broker): Mosquitto
            // takes turns, HiveMQ serves whichever member has room, and under load one member can
            // take everything. The contract tested: every message reaches exactly one member, and
            // when a member leaves, the group goes on delivering to the other.
            List<String> sent = new ArrayList<>();
            List<String> toFirst = new ArrayList<>();
            List<String> toSecond = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((toFirst.isEmpty() || toSecond.isEmpty()) && System.nanoTime() < deadline) {
                List<String> round = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    round.add("m" + sent.size() + round.size());
                }
                sent.addAll(round);
                pub.publishBurst("ami/shared/t", round, 4);
                collect(first, second, toFirst, toSecond, sent.size(), deadline);
            }
            if (toSecond.isEmpty() || toFirst.isEmpty()) {
                TestClient stays = toSecond.isEmpty() ? second : first;
                List<String> staysGot = toSecond.isEmpty() ? toSecond : toFirst;
                (stays == second ? first : second).disconnect();
                List<String> round = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    round.add("after-leave-" + i);
                }
                sent.addAll(round);
                pub.publishBurst("ami/shared/t", round, 4);
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
                while (!staysGot.containsAll(round) && System.nanoTime() < until) {
                    stays.drain().forEach(m -> staysGot.add(m.text()));
                    Thread.sleep(10);
                }
                assertThat(staysGot).as("the remaining member gets what is published after the other left")
                        .containsAll(round);
            }
            // let any duplicate that is still on its way arrive before counting
            Thread.sleep(500);
            first.drain().forEach(m -> toFirst.add(m.text()));
            second.drain().forEach(m -> toSecond.add(m.text()));

            List<String> all = new ArrayList<>(toFirst);
            all.addAll(toSecond);
            assertThat(all).as("every message exactly once across the group").containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    private static void collect(TestClient first, TestClient second, List<String> toFirst, List<String> toSecond,
                                int expected, long deadline) throws InterruptedException {
        while (toFirst.size() + toSecond.size() < expected && System.nanoTime() < deadline) {
            first.drain().forEach(m -> toFirst.add(m.text()));
            second.drain().forEach(m -> toSecond.add(m.text()));
            Thread.sleep(5);
        }
    }

    @Test
    void persistentSessionKeepsQueuedMessagesAcrossRestart() throws Exception {
        try (Broker broker = newBroker(settings("restart"))) {
            broker.start();
            int tlsPort = broker.tlsPort();
            String subscriberId = "cloud-persistent-" + UUID.randomUUID();
            try (TestClient sub = new TestClient(broker.tlsUri(), subscriberId)
                    .connect(pki.clientSocketFactory(pki.clientB), false, 86_400)) {
                sub.subscribe("ami/up/#", 1);
                sub.disconnect();
            }
            List<String> sent = new ArrayList<>();
            try (TestClient pub = tlsClient(broker, pki.clientA, "conc")) {
                for (int i = 0; i < 50; i++) {
                    sent.add("queued-" + i);
                    pub.publish("ami/up/reading", "queued-" + i);
                }
                pub.disconnect();
            }

            broker.stop();
            assertThat(broker.running()).isFalse();
            broker.start();
            assertThat(broker.running()).isTrue();
            assertThat(broker.tlsPort()).as("port kept across restart").isEqualTo(tlsPort);

            try (TestClient sub = new TestClient(broker.tlsUri(), subscriberId)) {
                sub.connect(pki.clientSocketFactory(pki.clientB), false, 86_400);
                assertThat(sub.sessionPresent()).as("session present after restart").isTrue();
                List<String> got = new ArrayList<>();
                for (int i = 0; i < sent.size(); i++) {
                    TestClient.Received r = sub.poll(WAIT_SECONDS, TimeUnit.SECONDS);
                    assertThat(r).as("queued message %d of %d after restart (got %s)", i + 1, sent.size(), got).isNotNull();
                    got.add(r.text());
                }
                assertThat(got).containsExactlyInAnyOrderElementsOf(sent);
            }
        }
    }

    @Test
    void configuredPortInUseIsRefusedBeforeStarting() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = taken.getLocalPort();
            Broker broker = newBroker(settings("taken").withTlsPort(port));
            assertThatThrownBy(broker::start)
                    .isInstanceOf(BrokerException.class)
                    .hasMessage("port " + port + " on 127.0.0.1 is already in use");
            assertThat(broker.running()).isFalse();

            Broker plainTaken = newBroker(settings("taken-plain").withPlainPort(port));
            assertThatThrownBy(plainTaken::start)
                    .isInstanceOf(BrokerException.class)
                    .hasMessage("port " + port + " on 127.0.0.1 is already in use");
            assertThat(plainTaken.running()).isFalse();
        }
    }

    @Test
    void missingTlsFileIsNamed() {
        Path missing = dir.resolve("no-such-file");
        TlsFiles absent = new TlsFiles(missing, TestPki.STORE_PASSWORD, missing, TestPki.STORE_PASSWORD,
                missing, missing, missing);
        Broker broker = newBroker(settings("missing").withTls(absent));
        assertThatThrownBy(broker::start)
                .isInstanceOf(BrokerException.class)
                .hasMessageContaining("TLS file tls.")
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
        assertThat(broker.running()).isFalse();
    }

    @Test
    void stopIsIdempotentAndPlainUriNeedsAPlainListener() throws Exception {
        Broker broker = newBroker(settings("idle"));
        broker.stop();
        assertThat(broker.running()).isFalse();
        assertThat(broker.plainPort()).isEqualTo(-1);
        assertThatThrownBy(broker::plainUri).isInstanceOf(IllegalStateException.class);
    }
}
