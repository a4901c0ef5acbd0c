package org.openami.cloud.uplink;

import java.time.Duration;
import java.util.Objects;
import org.openami.cloud.topic.Topics;

/**
 * How the uplink behaves. Built from {@link #defaults(String)} and the {@code with...} methods;
 * every value is checked when set.
 *
 * @param concentratorId     this concentrator's id (also its certificate's common name)
 * @param batchSize          outbox entries per batch; a batch becomes one envelope per kind
 *                           (telemetry, events, acks) it contains
 * @param window             envelopes published but not yet acknowledged by the broker, at most
 * @param maxEntriesPerSecond entries published per second at most (0 = no limit): keeps a
 *                           thousand concentrators replaying their backlog after a cloud outage
 *                           from flattening the ingest
 * @param reconnectMin       first delay before reconnecting; doubles up to {@code reconnectMax},
 *                           each delay drawn at random between half and all of it (jitter)
 * @param reconnectMax       longest delay between connection attempts
 * @param idlePoll           how often an empty outbox is looked at again
 * @param keepAlive          MQTT keep-alive
 * @param sessionExpiry      how long the broker keeps this concentrator's session (and commands
 *                           queued for it) while it is offline
 * @param commandMaxLifetime commands whose expiry is further than this from their issue time
 *                           are refused; also how long executed command ids are remembered
 * @param clockSkew          tolerated difference between the cloud's and this clock
 */
public record UplinkSettings(String concentratorId, int batchSize, int window, int maxEntriesPerSecond,
                             Duration reconnectMin, Duration reconnectMax, Duration idlePoll,
                             Duration keepAlive, Duration sessionExpiry, Duration commandMaxLifetime,
                             Duration clockSkew) {

    public UplinkSettings {
        if (!Topics.validId(concentratorId)) {
            throw new IllegalArgumentException("concentrator id '" + concentratorId
                    + "' is not 1..64 characters of [A-Za-z0-9._-]");
        }
        range("batch size", batchSize, 1, 10_000);
        range("window", window, 1, 1_000);
        range("max entries per second", maxEntriesPerSecond, 0, 10_000_000);
        positive("reconnect min", reconnectMin);
        positive("reconnect max", reconnectMax);
        if (reconnectMax.compareTo(reconnectMin) < 0) {
            throw new IllegalArgumentException("reconnect max " + reconnectMax + " is below reconnect min " + reconnectMin);
        }
        positive("idle poll", idlePoll);
        positive("keep alive", keepAlive);
        positive("session expiry", sessionExpiry);
        positive("command max lifetime", commandMaxLifetime);
        Objects.requireNonNull(clockSkew, "clock skew");
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clock skew " + clockSkew + " is negative");
        }
    }

    /**
     * Defaults: batches of 2,000 (a quarter hour of 2,040 meters is about 8,000 readings; larger
     * envelopes spread the per-envelope costs of signing and acknowledging), 8 envelopes in
     * flight, 1,000 entries/s, reconnect 1 s..2 min.
     */
    public static UplinkSettings defaults(String concentratorId) {
        return new UplinkSettings(concentratorId, 2_000, 8, 1_000, Duration.ofSeconds(1), Duration.ofMinutes(2),
                Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofDays(7), Duration.ofHours(24),
                Duration.ofMinutes(5));
    }

    public UplinkSettings withBatchSize(int v) {
        return new UplinkSettings(concentratorId, v, window, maxEntriesPerSecond, reconnectMin, reconnectMax,
                idlePoll, keepAlive, sessionExpiry, commandMaxLifetime, clockSkew);
    }

    public UplinkSettings withWindow(int v) {
        return new UplinkSettings(concentratorId, batchSize, v, maxEntriesPerSecond, reconnectMin, reconnectMax,
                idlePoll, keepAlive, sessionExpiry, commandMaxLifetime, clockSkew);
    }

    public UplinkSettings withMaxEntriesPerSecond(int v) {
        return new UplinkSettings(concentratorId, batchSize, window, v, reconnectMin, reconnectMax,
                idlePoll, keepAlive, sessionExpiry, commandMaxLifetime, clockSkew);
    }

    public UplinkSettings withReconnect(Duration min, Duration max) {
        return new UplinkSettings(concentratorId, batchSize, window, maxEntriesPerSecond, min, max,
                idlePoll, keepAlive, sessionExpiry, commandMaxLifetime, clockSkew);
    }

    public UplinkSettings withIdlePoll(Duration v) {
        return new UplinkSettings(concentratorId, batchSize, window, maxEntriesPerSecond, reconnectMin, reconnectMax,
                v, keepAlive, sessionExpiry, commandMaxLifetime, clockSkew);
    }

    public UplinkSettings withCommandMaxLifetime(Duration v) {
        return new UplinkSettings(concentratorId, batchSize, window, maxEntriesPerSecond, reconnectMin, reconnectMax,
                idlePoll, keepAlive, sessionExpiry, v, clockSkew);
    }

    private static void range(String name, int v, int min, int max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " " + v + " is outside " + min + ".." + max);
        }
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " " + d + " must be positive");
        }
    }
}
