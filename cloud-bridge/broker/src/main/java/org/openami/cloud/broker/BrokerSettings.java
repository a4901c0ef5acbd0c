package org.openami.cloud.broker;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to run a broker.
 *
 * @param dataDir directory the broker owns: generated configuration, persistence (sessions and
 *        queued messages) and logs. Created if missing. Reuse it across restarts to keep sessions.
 * @param host address the listeners bind to, also used in {@link Broker#tlsUri()}
 *        (for example {@code 127.0.0.1}, or {@code 0.0.0.0} to listen on every interface)
 * @param tlsPort port of the mutual-TLS listener; {@code 0} = pick a free port at the first start
 * @param plainPort port of the plaintext listener; {@code -1} = none, {@code 0} = pick a free port.
 *        The plaintext listener takes any client without authentication: it exists for local demos
 *        and for benchmarks comparing TLS with plaintext, <b>never for production</b>
 * @param tls TLS material of the TLS listener
 * @param maxQueuedMessagesPerClient QoS 1 messages a broker keeps for one offline (or slow)
 *        persistent session before it discards new ones; 1 to {@link Integer#MAX_VALUE}
 */
public record BrokerSettings(Path dataDir, String host, int tlsPort, int plainPort, TlsFiles tls,
                             long maxQueuedMessagesPerClient) {

    /** Default host: the loopback interface. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** Default TLS port: the IANA port of MQTT over TLS. */
    public static final int DEFAULT_TLS_PORT = 8883;

    /** {@link #plainPort()} value meaning "no plaintext listener". */
    public static final int NO_PLAIN_LISTENER = -1;

    /**
     * Default queue bound: one million messages per session, more than a day of telemetry from
     * a concentrator, so a cloud consumer that is offline for a day loses nothing.
     */
    public static final long DEFAULT_MAX_QUEUED_MESSAGES = 1_000_000L;

    /**
     * Largest MQTT packet a broker accepts and sends: 8 MiB, room for a 4 MiB envelope plus
     * topic, properties and headroom.
     */
    public static final int MAX_PACKET_BYTES = 8 * 1024 * 1024;

    /** Validates every field; the message names the field that is wrong. */
    public BrokerSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        if (host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("host must be a non-empty address without spaces or control characters: '"
                    + host.replaceAll("\\p{Cntrl}", "?") + "'");
        }
        if (tlsPort < 0 || tlsPort > 65535) {
            throw new IllegalArgumentException("tlsPort must be 0 (pick a free port) or 1..65535, was " + tlsPort);
        }
        if (plainPort < NO_PLAIN_LISTENER || plainPort > 65535) {
            throw new IllegalArgumentException(
                    "plainPort must be -1 (none), 0 (pick a free port) or 1..65535, was " + plainPort);
        }
        if (tlsPort != 0 && tlsPort == plainPort) {
            throw new IllegalArgumentException("tlsPort and plainPort must differ, both are " + tlsPort);
        }
        if (maxQueuedMessagesPerClient < 1 || maxQueuedMessagesPerClient > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxQueuedMessagesPerClient must be 1.." + Integer.MAX_VALUE
                    + ", was " + maxQueuedMessagesPerClient);
        }
    }

    /**
     * @param dataDir see {@link #dataDir()}
     * @param tls see {@link #tls()}
     * @return a builder with host {@value #DEFAULT_HOST}, TLS port {@value #DEFAULT_TLS_PORT}, no
     *         plaintext listener and {@value #DEFAULT_MAX_QUEUED_MESSAGES} queued messages per client
     */
    public static Builder builder(Path dataDir, TlsFiles tls) {
        return new Builder(dataDir, tls);
    }

    /** @return whether a plaintext listener is configured */
    public boolean hasPlainListener() {
        return plainPort != NO_PLAIN_LISTENER;
    }

    /** @param value new {@link #dataDir()} @return a copy with it */
    public BrokerSettings withDataDir(Path value) {
        return new BrokerSettings(value, host, tlsPort, plainPort, tls, maxQueuedMessagesPerClient);
    }

    /** @param value new {@link #host()} @return a copy with it */
    public BrokerSettings withHost(String value) {
        return new BrokerSettings(dataDir, value, tlsPort, plainPort, tls, maxQueuedMessagesPerClient);
    }

    /** @param value new {@link #tlsPort()} @return a copy with it */
    public BrokerSettings withTlsPort(int value) {
        return new BrokerSettings(dataDir, host, value, plainPort, tls, maxQueuedMessagesPerClient);
    }

    /** @param value new {@link #plainPort()} @return a copy with it */
    public BrokerSettings withPlainPort(int value) {
        return new BrokerSettings(dataDir, host, tlsPort, value, tls, maxQueuedMessagesPerClient);
    }

    /** @param value new {@link #tls()} @return a copy with it */
    public BrokerSettings withTls(TlsFiles value) {
        return new BrokerSettings(dataDir, host, tlsPort, plainPort, value, maxQueuedMessagesPerClient);
    }

    /** @param value new {@link #maxQueuedMessagesPerClient()} @return a copy with it */
    public BrokerSettings withMaxQueuedMessagesPerClient(long value) {
        return new BrokerSettings(dataDir, host, tlsPort, plainPort, tls, value);
    }

    /** Builds {@link BrokerSettings}; {@link #build()} validates. */
    public static final class Builder {
        private final Path dataDir;
        private final TlsFiles tls;
        private String host = DEFAULT_HOST;
        private int tlsPort = DEFAULT_TLS_PORT;
        private int plainPort = NO_PLAIN_LISTENER;
        private long maxQueued = DEFAULT_MAX_QUEUED_MESSAGES;

        private Builder(Path dataDir, TlsFiles tls) {
            this.dataDir = dataDir;
            this.tls = tls;
        }

        /** @param value see {@link BrokerSettings#host()} @return this */
        public Builder host(String value) {
            host = value;
            return this;
        }

        /** @param value see {@link BrokerSettings#tlsPort()} @return this */
        public Builder tlsPort(int value) {
            tlsPort = value;
            return this;
        }

        /** @param value see {@link BrokerSettings#plainPort()} @return this */
        public Builder plainPort(int value) {
            plainPort = value;
            return this;
        }

        /** @param value see {@link BrokerSettings#maxQueuedMessagesPerClient()} @return this */
        public Builder maxQueuedMessagesPerClient(long value) {
            maxQueued = value;
            return this;
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException naming the field that is out of range
         * @throws NullPointerException naming the field that is missing
         */
        public BrokerSettings build() {
            return new BrokerSettings(dataDir, host, tlsPort, plainPort, tls, maxQueued);
        }
    }
}
