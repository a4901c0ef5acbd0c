package org.openami.cloud.service;

import java.time.Duration;
import java.util.Objects;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.openami.cloud.ingest.db.DatabaseException;
import org.openami.cloud.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ingest worker: an MQTT 5 client in the shared subscription group that feeds every
 * message to the {@link IngestPipeline} and acknowledges it only after the pipeline has
 * committed it (manual acknowledgements). Its client id is stable, and its session persistent,
 * so messages queued for it while the service was down are delivered when it comes back.
 *
 * <p>When the database fails, the worker keeps the message, waits (doubling up to 30 s) and
 * tries again; meanwhile the broker holds further messages back (the client's receive maximum
 * bounds how many are in flight), so nothing is lost and memory stays bounded.
 */
final class IngestWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestWorker.class);

    private final String clientId;
    private final String uri;
    private final IngestPipeline pipeline;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final String filter;
    private volatile boolean stopped;
    private Thread reconnector;

    IngestWorker(String uri, String clientId, SocketFactory sockets, String shareGroup, IngestPipeline pipeline)
            throws MqttException {
        this.uri = uri;
        this.clientId = clientId;
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.filter = Topics.sharedUplinkFilter(shareGroup);
        this.client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        client.setManualAcks(true);
        options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(Duration.ofDays(7).toSeconds());
        options.setKeepAliveInterval(30);
        options.setAutomaticReconnect(false);
        options.setReceiveMaximum(64);
        options.setConnectionTimeout(30);
        options.setSocketFactory(org.openami.cloud.uplink.TcpNoDelay.orPlain(sockets));
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                if (!stopped) {
                    LOG.warn("ingest worker {} lost the broker: {}", clientId, response.getReasonString());
                    reconnectLater();
                }
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
                LOG.warn("ingest worker {}: {}", clientId, exception.getMessage());
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                handle(topic, message);
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

    /** Connects and subscribes (blocking). */
    void start() throws MqttException {
        IMqttToken t = client.connect(options);
        t.waitForCompletion(30_000);
        // the String[] overloads of Paho 1.2.5 recurse into themselves: use MqttSubscription[]
        client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)}).waitForCompletion(30_000);
        LOG.info("ingest worker {} subscribed to {} on {} (session {})", clientId, filter, uri,
                t.getSessionPresent() ? "resumed" : "new");
    }

    private void handle(String topic, MqttMessage message) {
        long backoff = 250;
        while (!stopped) {
            try {
                pipeline.ingest(topic, message.getPayload());
                break;
            } catch (DatabaseException e) {
                LOG.error("ingest worker {}: database failed ({}); retrying in {} ms", clientId, e.getMessage(), backoff);
                sleep(backoff);
                backoff = Math.min(30_000, backoff * 2);
            } catch (RuntimeException e) {
                LOG.error("ingest worker {}: unexpected failure on {}; message left for redelivery", clientId, topic, e);
                return;
            }
        }
        if (stopped) {
            return; // not acknowledged: the broker delivers it again after restart
        }
        try {
            client.messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException e) {
            LOG.warn("ingest worker {}: acknowledging failed ({}); the broker will deliver it again", clientId,
                    e.getMessage());
        }
    }

    private synchronized void reconnectLater() {
        if (reconnector != null && reconnector.isAlive()) {
            return;
        }
        reconnector = new Thread(() -> {
            long delay = 1_000;
            while (!stopped && !client.isConnected()) {
                sleep(delay / 2 + (long) (Math.random() * delay / 2));
                if (stopped || Thread.currentThread().isInterrupted()) {
                    return;
                }
                try {
                    start();
                } catch (MqttException e) {
                    LOG.warn("ingest worker {}: reconnect failed: {}", clientId, e.getMessage());
                    delay = Math.min(60_000, delay * 2);
                }
            }
        }, "ingest-reconnect-" + clientId);
        reconnector.setDaemon(true);
        reconnector.start();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopped = true;
        synchronized (this) {
            if (reconnector != null) {
                reconnector.interrupt();
            }
        }
        try {
            if (client.isConnected()) {
                client.disconnect(5_000).waitForCompletion(5_000);
            }
        } catch (MqttException e) {
            LOG.debug("ingest worker {}: disconnect: {}", clientId, e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("ingest worker {}: close: {}", clientId, e.getMessage());
        }
    }
}
