package org.openami.cloud.service;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.openami.cloud.envelope.EnvelopeSealer;
import org.openami.cloud.envelope.KeyDirectory;
import org.openami.cloud.envelope.NodeKeys;
import org.openami.cloud.envelope.PublicNodeKeys;
import org.openami.cloud.envelope.SequenceCounter;
import org.openami.cloud.ingest.db.CommandLog;
import org.openami.cloud.ingest.db.DatabaseException;
import org.openami.cloud.ingest.db.SentCommand;
import org.openami.cloud.message.Command;
import org.openami.cloud.message.CommandType;
import org.openami.cloud.message.MessageCodec;
import org.openami.cloud.message.MessageType;
import org.openami.cloud.topic.Topics;

/**
 * Sends signed commands to concentrators: records the command in the command log, seals it for
 * the concentrator's current envelope key (signed with the cloud's key, so only the cloud can
 * command), and publishes it at QoS 1 on the concentrator's command topic, where its persistent
 * session keeps it while the concentrator is offline. The result comes back as an ack envelope
 * and the ingest pipeline records it.
 */
public final class CommandSender implements AutoCloseable {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static final Duration RECONNECT_WAIT = Duration.ofSeconds(30);

    private final KeyDirectory keys;
    private final CommandLog log;
    private final SequenceCounter sequence;
    private final Clock clock;
    private final MqttAsyncClient client;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, EnvelopeSealer> sealers = new ConcurrentHashMap<>();

    CommandSender(String uri, String clientId, SocketFactory sockets, KeyDirectory keys, CommandLog log,
                  SequenceCounter sequence, Clock clock) throws MqttException {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.log = Objects.requireNonNull(log, "log");
        this.sequence = Objects.requireNonNull(sequence, "sequence");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 10);
        o.setConnectionTimeout(30);
        o.setSocketFactory(org.openami.cloud.uplink.TcpNoDelay.orPlain(sockets));
        client.connect(o).waitForCompletion(30_000);
    }

    /**
     * Sends a command and returns it (with its new id).
     *
     * @throws IOException if the concentrator has no registered key, the command is invalid, or
     *                     the broker did not take it
     */
    public Command send(String concentratorId, CommandType type, int point, String meter, Map<String, String> params,
                        Duration lifetime) throws IOException {
        long now = clock.millis();
        Command command;
        try {
            command = new Command(UUID.randomUUID().toString(), type, now, now + lifetime.toMillis(), point, meter, params);
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid command: " + e.getMessage(), e);
        }
        return send(concentratorId, command);
    }

    /** Sends a command built by the caller (tests use it to send expired or repeated ones). */
    public Command send(String concentratorId, Command command) throws IOException {
        EnvelopeSealer sealer = sealer(concentratorId);
        try {
            log.recordSent(new SentCommand(command.commandId(), concentratorId, command.commandType().name(), command.point(),
                    command.meter(), JSON.writeValueAsString(command.params()), command.issuedAt(), command.expiresAt()));
        } catch (DatabaseException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("recording the command failed: " + e.getMessage(), e);
        }
        byte[] payload = sealer.seal(MessageType.COMMAND, sequence.next(), clock.millis(), MessageCodec.encode(command));
        publishRaw(Topics.topic(concentratorId, Topics.Channel.COMMANDS), payload);
        return command;
    }

    /** Publishes bytes as they are on a topic (tests use it for forged and replayed envelopes). */
    public void publishRaw(String topic, byte[] payload) throws IOException {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        awaitConnected();
        try {
            client.publish(topic, m).waitForCompletion(30_000);
        } catch (MqttException e) {
            throw new IOException("publishing to " + topic + " failed: " + e.getMessage(), e);
        }
    }

    /** Waits (at most {@link #RECONNECT_WAIT}) for the client to be reconnected after a broker restart. */
    private void awaitConnected() throws IOException {
        long end = System.nanoTime() + RECONNECT_WAIT.toNanos();
        while (!client.isConnected()) {
            if (System.nanoTime() - end > 0) {
                throw new IOException("not connected to the broker (waited " + RECONNECT_WAIT.toSeconds() + " s)");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the broker", e);
            }
        }
    }

    private EnvelopeSealer sealer(String concentratorId) throws IOException {
        PublicNodeKeys peer = keys.currentPeer(concentratorId)
                .orElseThrow(() -> new IOException("concentrator " + concentratorId + " has no registered envelope key"));
        NodeKeys own = keys.currentOwn().orElseThrow(() -> new IOException("the cloud has no envelope key"));
        String cacheKey = concentratorId + "/" + peer.keyId() + "/" + own.keyId();
        return sealers.computeIfAbsent(cacheKey, k -> new EnvelopeSealer(own, peer, concentratorId, random));
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(5_000).waitForCompletion(5_000);
            }
            client.close(true);
        } catch (MqttException e) {
            // closing anyway
        }
    }
}
