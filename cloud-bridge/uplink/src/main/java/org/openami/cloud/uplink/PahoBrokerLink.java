package org.openami.cloud.uplink;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BrokerLink} over Eclipse Paho's MQTT 5 client: persistent session (clean start off,
 * session expiry from the settings), QoS 1, no automatic reconnect (the uplink reconnects with
 * its own back-off and jitter). Paho keeps in-flight messages in memory only: the
 * store-and-forward outbox is the durable copy, and whatever was in flight when the connection
 * dropped is published again from there.
 */
public final class PahoBrokerLink implements BrokerLink {

    private static final Logger LOG = LoggerFactory.getLogger(PahoBrokerLink.class);
    private static final int QOS = 1;

    private final String uri;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final Duration timeout;
    private volatile Listener listener = new Listener() {
        @Override
        public void message(String topic, byte[] payload) {
        }

        @Override
        public void lost(Throwable cause) {
        }
    };

    /**
     * @param uri           {@code ssl://host:port} (or {@code tcp://} for tests and benchmarks)
     * @param clientId      the MQTT client id: the concentrator id
     * @param socketFactory TLS socket factory with this concentrator's certificate; null for plain TCP
     */
    public PahoBrokerLink(String uri, String clientId, SocketFactory socketFactory, UplinkSettings settings)
            throws IOException {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.timeout = Duration.ofSeconds(30);
        try {
            this.client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new IOException("broker address '" + uri + "': " + e.getMessage(), e);
        }
        options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        options.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout((int) timeout.toSeconds());
        options.setSocketFactory(TcpNoDelay.orPlain(socketFactory));
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                listener.lost(response.getException() != null ? response.getException()
                        : new IOException("broker disconnected: " + response.getReasonString()));
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
                LOG.warn("MQTT error from {}: {}", uri, exception.getMessage());
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                listener.message(topic, message.getPayload());
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
        });
    }

    @Override
    public void listener(Listener l) {
        this.listener = Objects.requireNonNull(l, "listener");
    }

    @Override
    public boolean connect() throws IOException {
        try {
            IMqttToken token = client.connect(options);
            token.waitForCompletion(timeout.toMillis());
            return token.getSessionPresent();
        } catch (MqttException e) {
            throw new IOException("cannot connect to " + uri + ": " + describe(e), e);
        }
    }

    @Override
    public boolean connected() {
        return client.isConnected();
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        MqttMessage message = new MqttMessage(payload);
        message.setQos(QOS);
        try {
            client.publish(topic, message, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                        done.completeExceptionally(new IOException("broker refused the message on " + topic
                                + " with reason code 0x" + Integer.toHexString(codes[0])));
                    } else {
                        done.complete(null);
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    done.completeExceptionally(cause != null ? cause : new IOException("publish failed"));
                }
            });
        } catch (MqttException e) {
            done.completeExceptionally(new IOException("publish to " + topic + ": " + describe(e), e));
        }
        return done;
    }

    @Override
    public void subscribe(String topicFilter) throws IOException {
        try {
            // the String[] overloads of Paho 1.2.5 recurse into themselves: use MqttSubscription[]
            IMqttToken token = client.subscribe(new MqttSubscription[] {new MqttSubscription(topicFilter, QOS)});
            token.waitForCompletion(timeout.toMillis());
            int[] codes = token.getReasonCodes();
            if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                throw new IOException("broker refused the subscription to " + topicFilter
                        + " with reason code 0x" + Integer.toHexString(codes[0]));
            }
        } catch (MqttException e) {
            throw new IOException("subscribe to " + topicFilter + ": " + describe(e), e);
        }
    }

    @Override
    public void disconnect() {
        try {
            if (client.isConnected()) {
                client.disconnect(5_000).waitForCompletion(5_000);
            }
        } catch (MqttException e) {
            try {
                client.disconnectForcibly(0, 1_000, false);
            } catch (MqttException ignored) {
                // already gone
            }
        }
    }

    @Override
    public void close() {
        disconnect();
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("closing the MQTT client: {}", e.getMessage());
        }
    }

    private static String describe(MqttException e) {
        Throwable cause = e.getCause();
        String reason = e.getMessage() + " (reason code " + e.getReasonCode() + ")";
        return cause != null && cause != e ? reason + ": " + cause : reason;
    }
}
