package org.openami.cloud.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openami.cloud.service.CloudFixture.CLOCK;
import static org.openami.cloud.service.CloudFixture.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openami.cloud.envelope.EnvelopeSealer;
import org.openami.cloud.envelope.KeyDirectory;
import org.openami.cloud.envelope.NodeKeys;
import org.openami.cloud.envelope.PublicNodeKeys;
import org.openami.cloud.ingest.db.CommandRecord;
import org.openami.cloud.ingest.db.CommandState;
import org.openami.cloud.ingest.db.QuarantineEntry;
import org.openami.cloud.ingest.db.ReadingKey;
import org.openami.cloud.ingest.db.ReadingQueries;
import org.openami.cloud.message.Command;
import org.openami.cloud.message.CommandType;
import org.openami.cloud.message.MessageCodec;
import org.openami.cloud.message.MessageType;
import org.openami.cloud.message.Telemetry;
import org.openami.cloud.pki.Identity;
import org.openami.cloud.service.sim.ReadingGenerator;
import org.openami.cloud.service.sim.SimulatedConcentrator;
import org.openami.cloud.topic.Topics;
import org.openami.cloud.uplink.CommandExecutor.CommandOutcome;
import org.openami.concentrator.model.Reading;

/**
 * The whole bridge on embedded defaults: the cloud service with its embedded HiveMQ (TLS 1.3,
 * client certificates) and embedded PostgreSQL, and a commissioned concentrator (real store,
 * real uplink, real envelopes) publishing through it. Forged, replayed and misrouted envelopes
 * and commands are sent by hand and must be refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudEndToEndTest {

    private static final String ID = "CONC-E2E";

    @TempDir
    static Path dir;

    private CloudService cloud;
    private SimulatedConcentrator concentrator;
    private final List<Command> executed = Collections.synchronizedList(new ArrayList<>());
    private final List<byte[]> seenByBroker = Collections.synchronizedList(new ArrayList<>());
    private MqttClient spy;

    @BeforeAll
    void start() throws Exception {
        cloud = CloudService.start(CloudFixture.settings(dir.resolve("cloud")), CLOCK);
        Commissioning.commission(cloud.files(), dir.resolve("c"), ID, CLOCK);
        cloud.keys().reload();
        // a subscriber with the cloud's own certificate records what crosses the broker
        spy = new MqttClient(cloud.brokerUri(), "spy", new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setSocketFactory(Identity.load(cloud.files().serviceTlsDir(), CloudFiles.CLOUD).sslContext().getSocketFactory());
        spy.connect(o);
        spy.subscribe(new MqttSubscription[] {new MqttSubscription(Topics.ROOT + "/#", 1)},
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, m) -> seenByBroker.add(m.getPayload())});
        concentrator = SimulatedConcentrator.start(dir.resolve("c"), ID, cloud.brokerUri(), CloudFixture.uplink(ID),
                c -> {
                    executed.add(c);
                    return CompletableFuture.completedFuture(CommandOutcome.ok("done " + c.commandType()));
                }, CLOCK);
    }

    @AfterAll
    void stop() throws Exception {
        if (spy != null && spy.isConnected()) {
            spy.disconnect();
        }
        if (concentrator != null) {
            concentrator.close();
        }
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void readingsArriveExactlyOnceWithTheirValuesAndTheBrokerSeesOnlyCiphertext() throws Exception {
        ReadingGenerator gen = new ReadingGenerator(200, 1_767_225_600_000L, 100_000_000_000L);
        List<Reading> readings = gen.range(0, 5_000);
        for (int i = 0; i < readings.size(); i += 1_000) {
            concentrator.produce(readings.subList(i, i + 1_000));
        }
        concentrator.produce(readings.subList(0, 1_000)); // collected again: nothing new
        ReadingQueries q = new ReadingQueries(cloud.dataSource());
        await("5,000 readings in PostgreSQL", Duration.ofSeconds(60), () -> q.countForConcentrator(ID) == 5_000);
        Map<ReadingKey, Long> rows = q.snapshot(10_000);
        for (Reading r : readings) {
            assertThat(rows.get(new ReadingKey(r.meter(), r.quantity(), r.kind(), r.dataTime())))
                    .as("value of %s", r).isEqualTo(r.value());
        }
        // 5,000 readings in envelopes of at most 2,000
        await("the spy saw the telemetry", Duration.ofSeconds(10), () -> seenByBroker.size() >= 3);
        byte[] address = readings.get(0).meter().getBytes(StandardCharsets.US_ASCII);
        for (byte[] payload : new ArrayList<>(seenByBroker)) {
            assertThat(new String(payload, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("AMIE");
            assertThat(indexOf(payload, address)).as("a meter address in clear on the broker").isEqualTo(-1);
        }
        assertThat(quarantineReasons()).isEmpty();
    }

    @Test
    void forgedStaleMisroutedAndReusedEnvelopesAreQuarantinedAndIngestGoesOn() throws Exception {
        KeyDirectory concKeys = KeyDirectory.load(dir.resolve("c").resolve("keys"));
        NodeKeys own = concKeys.currentOwn().orElseThrow();
        PublicNodeKeys cloudPub = concKeys.currentPeer("cloud").orElseThrow();
        EnvelopeSealer sealer = new EnvelopeSealer(own, cloudPub, ID, new SecureRandom());
        String topic = Topics.topic(ID, Topics.Channel.TELEMETRY);
        ReadingGenerator gen = new ReadingGenerator(10, 1_700_000_000_000L, 200_000_000_000L);
        byte[] body = MessageCodec.encode(new Telemetry(gen.range(0, 10)));
        long now = CLOCK.millis();

        byte[] good = sealer.seal(MessageType.TELEMETRY, 9_000_000_001L, now, body);
        byte[] forged = good.clone();
        forged[forged.length - 80] ^= 0x01; // one bit of the ciphertext
        cloud.commands().publishRaw(topic, forged);
        cloud.commands().publishRaw(topic, sealer.seal(MessageType.TELEMETRY, 9_000_000_002L,
                now - Duration.ofDays(8).toMillis(), body));
        cloud.commands().publishRaw(Topics.topic("CONC-OTHER", Topics.Channel.TELEMETRY), good);
        cloud.commands().publishRaw(topic, "not an envelope".getBytes(StandardCharsets.US_ASCII));
        NodeKeys stranger = NodeKeys.generate(ID, 77, new SecureRandom());
        cloud.commands().publishRaw(topic, new EnvelopeSealer(stranger, cloudPub, ID, new SecureRandom())
                .seal(MessageType.TELEMETRY, 9_000_000_003L, now, body));
        cloud.commands().publishRaw(topic, good);
        cloud.commands().publishRaw(topic, good); // a copy: dropped, not applied twice
        byte[] otherBody = MessageCodec.encode(new Telemetry(gen.range(10, 20)));
        cloud.commands().publishRaw(topic, sealer.seal(MessageType.TELEMETRY, 9_000_000_001L, now, otherBody));

        await("six quarantined", Duration.ofSeconds(30), () -> quarantineReasons().size() >= 6);
        assertThat(quarantineReasons()).containsExactlyInAnyOrder("BAD_SIGNATURE", "STALE", "TOPIC_MISMATCH",
                "MALFORMED", "UNKNOWN_KEY", "REPLAYED");
        ReadingQueries q = new ReadingQueries(cloud.dataSource());
        await("the genuine envelope applied", Duration.ofSeconds(30), () -> q.find(gen.reading(0).meter(), 0,
                Long.MAX_VALUE, 100).size() == 1);
        assertThat(q.find(gen.reading(10).meter(), 0, Long.MAX_VALUE, 100)).hasSize(1); // meter 10 only once: from 'good'
        assertThat(cloud.pipeline().duplicates()).isGreaterThanOrEqualTo(1);
        clearQuarantine();
    }

    @Test
    void signedCommandsRunOnceAndForgedExpiredOrReplayedOnesAreRefused() throws Exception {
        Command sent = cloud.commands().send(ID, CommandType.READ_NOW, 3, "", Map.of("quantities", "VOLTAGE_A"),
                Duration.ofMinutes(10));
        await("the result of the read", Duration.ofSeconds(30), () -> state(sent) == CommandState.SUCCEEDED);
        assertThat(executed).extracting(Command::commandId).containsExactly(sent.commandId());

        // a replay of a genuine command envelope: sealed by the cloud's key, same command id
        KeyDirectory cloudKeys = cloud.keys();
        PublicNodeKeys concPub = cloudKeys.currentPeer(ID).orElseThrow();
        EnvelopeSealer cloudSealer = new EnvelopeSealer(cloudKeys.currentOwn().orElseThrow(), concPub, ID, new SecureRandom());
        byte[] again = cloudSealer.seal(MessageType.COMMAND, 5_000_000_000L, CLOCK.millis(), MessageCodec.encode(sent));
        String commandTopic = Topics.topic(ID, Topics.Channel.COMMANDS);
        cloud.commands().publishRaw(commandTopic, again);

        // sealed by someone without the cloud's signing key
        NodeKeys fakeCloud = NodeKeys.generate("cloud", cloudKeys.currentOwn().orElseThrow().keyId(), new SecureRandom());
        long now = CLOCK.millis();
        Command trip = new Command("forged-1", CommandType.RELAY_TRIP, now, now + 60_000, 1, "", Map.of("data", "00"));
        cloud.commands().publishRaw(commandTopic, new EnvelopeSealer(fakeCloud, concPub, ID, new SecureRandom())
                .seal(MessageType.COMMAND, 5_000_000_001L, now, MessageCodec.encode(trip)));
        // not an envelope at all
        cloud.commands().publishRaw(commandTopic, "RELAY_TRIP 1".getBytes(StandardCharsets.US_ASCII));
        // genuine but expired
        Command old = new Command("expired-1", CommandType.TIME_SYNC, now - 7_200_000, now - 3_600_000, 0, "", Map.of());
        cloud.commands().send(ID, old);

        await("the expired command's result", Duration.ofSeconds(30), () -> state(old) == CommandState.FAILED);
        await("three refusals reported", Duration.ofSeconds(30), () -> refusedEvents() >= 3);
        assertThat(cloud.commandLog().find(old.commandId()).orElseThrow().result().orElseThrow().reason())
                .startsWith("EXPIRED");
        assertThat(executed).extracting(Command::commandId).containsExactly(sent.commandId());
        assertThat(concentrator.uplink().statistics().commandsRefused()).isEqualTo(4);
    }

    private CommandState state(Command c) throws Exception {
        return cloud.commandLog().find(c.commandId()).map(CommandRecord::state).orElse(null);
    }

    private long refusedEvents() throws Exception {
        return count("SELECT count(*) FROM meter_event WHERE type = 'COMMAND_REFUSED' AND concentrator_id = '" + ID + "'");
    }

    private List<String> quarantineReasons() throws Exception {
        List<String> out = new ArrayList<>();
        for (QuarantineEntry e : cloud.quarantine().latest(100)) {
            out.add(e.reason());
        }
        return out;
    }

    private void clearQuarantine() throws Exception {
        try (Connection c = cloud.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM quarantine");
        }
    }

    private long count(String sql) throws Exception {
        DataSource ds = cloud.dataSource();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

}
