package org.openami.cloud.uplink;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * The uplink's connection to an MQTT broker, as the uplink needs it: connect, publish at QoS 1,
 * subscribe, and hear about arrivals and losses. {@link PahoBrokerLink} is the MQTT 5
 * implementation; the uplink's logic never touches the MQTT library.
 */
public interface BrokerLink extends AutoCloseable {

    /** What the link reports. Called on the link's own threads: return quickly. */
    interface Listener {
        /** A message arrived on a subscribed topic (or was queued for this session while offline). */
        void message(String topic, byte[] payload);

        /** The connection dropped; {@code cause} says why. */
        void lost(Throwable cause);
    }

    /** Sets who hears about messages and losses; call before {@link #connect}. */
    void listener(Listener listener);

    /**
     * Connects (blocking up to the link's timeout).
     *
     * @return true if the broker still had this client's session
     * @throws IOException naming the broker and the reason (refused certificate, unreachable...)
     */
    boolean connect() throws IOException;

    /** True while connected. */
    boolean connected();

    /**
     * Publishes at QoS 1. The future completes when the broker acknowledged the message with a
     * success code, exceptionally if it refused it or the connection dropped first.
     */
    CompletableFuture<Void> publish(String topic, byte[] payload);

    /** Subscribes at QoS 1 (blocking). */
    void subscribe(String topicFilter) throws IOException;

    /** Disconnects politely; the session stays on the broker. */
    void disconnect();

    /** Disconnects and frees everything. */
    @Override
    void close();
}
