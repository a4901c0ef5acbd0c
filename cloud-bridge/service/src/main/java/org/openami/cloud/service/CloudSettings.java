package org.openami.cloud.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.openami.cloud.topic.Topics;

/**
 * How the cloud service runs.
 *
 * @param dataDir      the data folder ({@link CloudFiles})
 * @param brokerUri    an external broker ({@code ssl://host:port}); null = start the embedded HiveMQ
 * @param brokerHost   address the embedded broker listens on
 * @param brokerPort   TLS port of the embedded broker (0 = a free port)
 * @param plainPort    plain-TCP port of the embedded broker, for local benchmarks only (-1 = none, 0 = free)
 * @param jdbcUrl      an external PostgreSQL; null = start the embedded one
 * @param dbUser       user for {@code jdbcUrl}
 * @param dbPassword   password for {@code jdbcUrl} (never logged)
 * @param dbPort       port of the embedded PostgreSQL (0 = a free port)
 * @param workers      ingest workers (MQTT clients in the shared subscription) in this process
 * @param shareGroup   the shared subscription group all instances join
 * @param instance     this instance's name, the prefix of its MQTT client ids (stable across restarts)
 * @param maxAge       envelopes older than this are refused as stale; the replay table keeps this long
 * @param clockSkew    envelopes from further in the future than this are refused
 */
public record CloudSettings(Path dataDir, String brokerUri, String brokerHost, int brokerPort, int plainPort,
                            String jdbcUrl, String dbUser, String dbPassword, int dbPort, int workers,
                            String shareGroup, String instance, Duration maxAge, Duration clockSkew) {

    public CloudSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(brokerHost, "brokerHost");
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("workers " + workers + " is outside 1..64");
        }
        if (!Topics.validId(shareGroup)) {
            throw new IllegalArgumentException("share group '" + shareGroup + "' is not 1..64 of [A-Za-z0-9._-]");
        }
        if (!Topics.validId(instance)) {
            throw new IllegalArgumentException("instance '" + instance + "' is not 1..64 of [A-Za-z0-9._-]");
        }
        if (brokerUri != null && !brokerUri.startsWith("ssl://") && !brokerUri.startsWith("tcp://")) {
            throw new IllegalArgumentException("broker '" + brokerUri + "' must be ssl://host:port (or tcp:// on a trusted host)");
        }
        if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("database '" + jdbcUrl + "' must be a jdbc:postgresql:// URL");
        }
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(clockSkew, "clockSkew");
    }

    /** Everything embedded, in {@code dataDir}: broker on 127.0.0.1:8883, PostgreSQL on a free port, two workers. */
    public static CloudSettings embedded(Path dataDir) {
        return new CloudSettings(dataDir, null, "127.0.0.1", 8883, -1, null, null, null, 0, 2, "ami-ingest",
                "cloud-1", Duration.ofDays(7), Duration.ofMinutes(5));
    }

    public CloudSettings withBroker(String uri) {
        return new CloudSettings(dataDir, uri, brokerHost, brokerPort, plainPort, jdbcUrl, dbUser, dbPassword, dbPort,
                workers, shareGroup, instance, maxAge, clockSkew);
    }

    public CloudSettings withBrokerPorts(int tls, int plain) {
        return new CloudSettings(dataDir, brokerUri, brokerHost, tls, plain, jdbcUrl, dbUser, dbPassword, dbPort,
                workers, shareGroup, instance, maxAge, clockSkew);
    }

    public CloudSettings withDatabase(String url, String user, String password) {
        return new CloudSettings(dataDir, brokerUri, brokerHost, brokerPort, plainPort, url, user, password, dbPort,
                workers, shareGroup, instance, maxAge, clockSkew);
    }

    public CloudSettings withDbPort(int port) {
        return new CloudSettings(dataDir, brokerUri, brokerHost, brokerPort, plainPort, jdbcUrl, dbUser, dbPassword, port,
                workers, shareGroup, instance, maxAge, clockSkew);
    }

    public CloudSettings withWorkers(int n) {
        return new CloudSettings(dataDir, brokerUri, brokerHost, brokerPort, plainPort, jdbcUrl, dbUser, dbPassword, dbPort,
                n, shareGroup, instance, maxAge, clockSkew);
    }

    public CloudSettings withInstance(String name) {
        return new CloudSettings(dataDir, brokerUri, brokerHost, brokerPort, plainPort, jdbcUrl, dbUser, dbPassword, dbPort,
                workers, shareGroup, name, maxAge, clockSkew);
    }

    @Override
    public String toString() {
        return "CloudSettings[dataDir=" + dataDir + ", broker=" + (brokerUri == null ? "embedded" : brokerUri)
                + ", db=" + (jdbcUrl == null ? "embedded" : jdbcUrl) + ", workers=" + workers + ", instance=" + instance + "]";
    }
}
