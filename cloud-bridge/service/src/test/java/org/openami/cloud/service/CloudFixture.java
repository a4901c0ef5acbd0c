package org.openami.cloud.service;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.openami.cloud.uplink.UplinkSettings;

/** Shared bits of the service tests. */
final class CloudFixture {

    private CloudFixture() {
    }

    static final Clock CLOCK = Clock.systemUTC();

    /** Embedded everything on free ports. */
    static CloudSettings settings(Path dir) {
        return CloudSettings.embedded(dir).withBrokerPorts(0, -1).withDbPort(0).withWorkers(2);
    }

    /** Fast reconnects and polls so tests do not wait. */
    static UplinkSettings uplink(String id) {
        return UplinkSettings.defaults(id).withMaxEntriesPerSecond(0)
                .withReconnect(Duration.ofMillis(200), Duration.ofSeconds(2)).withIdlePoll(Duration.ofMillis(50));
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void await(String what, Duration timeout, Check check) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
