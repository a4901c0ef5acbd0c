package org.openami.cloud.broker;

import java.nio.file.Path;

/**
 * Renders a {@code mosquitto.conf} (Mosquitto 2.x): a TLS 1.3 listener that requires a client
 * certificate and takes the certificate's CN as the user name, an optional anonymous plaintext
 * listener, persistence in the data directory saved every second, the queue bound and the
 * packet size limit, logging to {@code mosquitto.log} in the data directory.
 */
final class MosquittoConfig {

    /** Name of the log file in the data directory. */
    static final String LOG_FILE = "mosquitto.log";

    /** Seconds between saves of the in-memory state; a crash (SIGKILL) loses at most this much. */
    static final int AUTOSAVE_SECONDS = 1;

    private MosquittoConfig() {
    }

    /**
     * @param settings the broker settings
     * @param tlsPort the concrete TLS port
     * @param plainPort the concrete plaintext port, or -1 for none
     * @param user the account to run as when started by root (the current one, so it can read
     *        the files it is given)
     * @return the configuration text
     * @throws BrokerException if a path or value contains a line break (it would change the configuration)
     */
    static String render(BrokerSettings settings, int tlsPort, int plainPort, String user) throws BrokerException {
        Path dataDir = settings.dataDir().toAbsolutePath();
        TlsFiles tls = settings.tls();
        StringBuilder conf = new StringBuilder();
        conf.append("# Generated at every start from BrokerSettings; edits are overwritten.\n");
        line(conf, "user", user);
        line(conf, "per_listener_settings", "true");
        line(conf, "persistence", "true");
        line(conf, "persistence_location", dataDir + "/");
        line(conf, "persistence_file", "mosquitto.db");
        line(conf, "autosave_interval", Integer.toString(AUTOSAVE_SECONDS));
        line(conf, "max_queued_messages", Long.toString(settings.maxQueuedMessagesPerClient()));
        line(conf, "max_queued_bytes", "0");
        line(conf, "max_packet_size", Integer.toString(BrokerSettings.MAX_PACKET_BYTES));
        line(conf, "message_size_limit", Integer.toString(BrokerSettings.MAX_PACKET_BYTES));
        line(conf, "set_tcp_nodelay", "true");
        line(conf, "log_dest", "file " + dataDir.resolve(LOG_FILE));
        line(conf, "log_type", "error");
        line(conf, "log_type", "warning");
        line(conf, "log_type", "notice");
        line(conf, "log_type", "information");
        line(conf, "log_timestamp_format", "%Y-%m-%dT%H:%M:%S");

        conf.append("\n# MQTT over TLS 1.3, client certificate required\n");
        line(conf, "listener", tlsPort + " " + settings.host());
        line(conf, "protocol", "mqtt");
        line(conf, "cafile", tls.caPem().toAbsolutePath().toString());
        line(conf, "certfile", tls.serverCertPem().toAbsolutePath().toString());
        line(conf, "keyfile", tls.serverKeyPem().toAbsolutePath().toString());
        line(conf, "tls_version", "tlsv1.3");
        line(conf, "require_certificate", "true");
        line(conf, "use_identity_as_username", "true");
        line(conf, "allow_anonymous", "false");
        if (plainPort > 0) {
            conf.append("\n# plaintext, no authentication: local demos and benchmarks only, never production\n");
            line(conf, "listener", plainPort + " " + settings.host());
            line(conf, "protocol", "mqtt");
            line(conf, "allow_anonymous", "true");
        }
        return conf.toString();
    }

    private static void line(StringBuilder conf, String key, String value) throws BrokerException {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new BrokerException("mosquitto option " + key + " cannot hold a line break: '"
                    + value.replaceAll("[\\r\\n]", "\\\\n") + "'");
        }
        conf.append(key).append(' ').append(value).append('\n');
    }
}
