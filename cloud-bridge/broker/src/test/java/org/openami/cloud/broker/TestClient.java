package org.openami.cloud.broker;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A Paho MQTT 5 client that collects every message it receives, for tests. */
final class TestClient implements MqttCallback, AutoCloseable {

    /** A received message. */
    record Received(String topic, byte[] payload, int qos) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final MqttAsyncClient client;
    private final long waitMillis = 30_000;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private boolean sessionPresent;

    TestClient(String uri, String clientId) throws MqttException {
        client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        client.setCallback(this);
    }

    /**
     * Connects.
     *
     * @param socketFactory TLS socket factory, or null for plaintext
     * @param cleanStart MQTT 5 clean start
     * @param sessionExpirySeconds session expiry interval, 0 = ends with the connection
     */
    TestClient connect(SocketFactory socketFactory, boolean cleanStart, long sessionExpirySeconds) throws MqttException {
        return connect(socketFactory, cleanStart, sessionExpirySeconds, 0);
    }

    /**
     * Connects, announcing a receive maximum (QoS 1 messages the broker may have in flight to
     * this client); 0 leaves Paho's default.
     */
    TestClient connect(SocketFactory socketFactory, boolean cleanStart, long sessionExpirySeconds, int receiveMaximum)
            throws MqttException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        if (receiveMaximum > 0) {
            options.setReceiveMaximum(receiveMaximum);
        }
        options.setCleanStart(cleanStart);
        options.setSessionExpiryInterval(sessionExpirySeconds);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(30);
        if (socketFactory != null) {
            options.setSocketFactory(socketFactory);
        }
        IMqttToken token = client.connect(options);
        token.waitForCompletion(waitMillis);
        sessionPresent = token.getSessionPresent();
        return this;
    }

    boolean sessionPresent() {
        return sessionPresent;
    }

    boolean connected() {
        return client.isConnected();
    }

    void subscribe(String filter, int qos) throws MqttException {
        IMqttToken token = client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, qos)});
        token.waitForCompletion(waitMillis);
        int[] codes = token.getReasonCodes();
        if (codes == null || codes.length != 1 || codes[0] > 2) {
            throw new IllegalStateException("subscription to " + filter + " refused: "
                    + (codes == null ? "no reason code" : java.util.Arrays.toString(codes)));
        }
    }

    /** Publishes and waits for the PUBACK (QoS 1). */
    void publish(String topic, byte[] payload, int qos) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(qos);
        client.publish(topic, message).waitForCompletion(waitMillis);
    }

    /**
     * Publishes every payload at QoS 1 keeping up to {@code window} PUBACKs outstanding (at most
     * the broker's receive maximum), then waits for the rest.
     */
    void publishBurst(String topic, List<String> payloads, int window) throws MqttException {
        java.util.ArrayDeque<IMqttToken> inFlight = new java.util.ArrayDeque<>();
        for (String payload : payloads) {
            if (inFlight.size() >= window) {
                inFlight.removeFirst().waitForCompletion(waitMillis);
            }
            MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            while (true) {
                try {
                    inFlight.addLast(client.publish(topic, message));
                    break;
                } catch (MqttException e) {
                    // Paho completes a token slightly before it frees the in-flight slot
                    if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                        throw e;
                    }
                    if (!inFlight.isEmpty()) {
                        inFlight.removeFirst().waitForCompletion(waitMillis);
                    } else {
                        Thread.onSpinWait();
                    }
                }
            }
        }
        while (!inFlight.isEmpty()) {
            inFlight.removeFirst().waitForCompletion(waitMillis);
        }
    }

    void publish(String topic, String payload) throws MqttException {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1);
    }

    /** @return the next message, or null if none arrives within the timeout */
    Received poll(long timeout, TimeUnit unit) throws InterruptedException {
        return received.poll(timeout, unit);
    }

    /** @return messages received so far, removing them */
    List<Received> drain() {
        List<Received> out = new ArrayList<>();
        received.drainTo(out);
        return out;
    }

    void disconnect() throws MqttException {
        if (client.isConnected()) {
            client.disconnect(5000).waitForCompletion(waitMillis);
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(1000, 1000, true);
            }
        } catch (MqttException e) {
            // already gone
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // already closed
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        received.add(new Received(topic, message.getPayload(), message.getQos()));
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }
}
