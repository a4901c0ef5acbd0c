package org.openami.cloud.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.cloud.message.Message;
import org.openami.cloud.message.MessageCodec;
import org.openami.cloud.message.MessageType;
import org.openami.cloud.message.Telemetry;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;
import org.openami.concentrator.store.ForwardStore;
import org.openami.concentrator.store.StoreSettings;

/**
 * The publisher's window, ordering, acknowledgement and replay logic against a real store and
 * an in-memory broker link that the test controls (acknowledge, refuse, drop the connection).
 * The same uplink against real brokers (HiveMQ, Mosquitto) over TLS is tested in the cloud
 * service module.
 */
class UplinkPublishingTest {

    @TempDir
    Path dir;

    /** A broker link whose acknowledgements the test releases. */
    static final class ScriptedLink implements BrokerLink {
        final List<CompletableFuture<Void>> pending = Collections.synchronizedList(new ArrayList<>());
        final List<byte[]> published = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger maxInFlight = new AtomicInteger();
        volatile boolean up;
        volatile boolean autoAck;
        volatile Listener listener;

        @Override
        public void listener(Listener l) {
            listener = l;
        }

        @Override
        public boolean connect() throws IOException {
            up = true;
            return false;
        }

        @Override
        public boolean connected() {
            return up;
        }

        @Override
        public synchronized CompletableFuture<Void> publish(String topic, byte[] payload) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            published.add(payload);
            if (autoAck) {
                f.complete(null);
                return f;
            }
            pending.add(f);
            long open = pending.stream().filter(p -> !p.isDone()).count();
            maxInFlight.accumulateAndGet((int) open, Math::max);
            return f;
        }

        synchronized void ackAll() {
            new ArrayList<>(pending).forEach(p -> p.complete(null));
            pending.clear();
        }

        synchronized void drop() {
            up = false;
            new ArrayList<>(pending).forEach(p -> p.completeExceptionally(new IOException("connection lost")));
            pending.clear();
            listener.lost(new IOException("connection lost"));
        }

        @Override
        public void subscribe(String topicFilter) {
        }

        @Override
        public void disconnect() {
            up = false;
        }

        @Override
        public void close() {
            up = false;
        }
    }

    private static List<Reading> readings(int n) {
        List<Reading> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Reading(1 + i % 100, String.format("%012d", 1 + i % 100), ReadingKind.CURVE,
                    Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, 900_000L * (i / 100), i, 900_000L * (i / 100) + 1));
        }
        return out;
    }

    private static final MessageSealer PLAIN = MessageCodec::encode;

    private static UplinkSettings settings() {
        return UplinkSettings.defaults("C-TEST").withBatchSize(100).withWindow(4).withMaxEntriesPerSecond(0)
                .withReconnect(Duration.ofMillis(20), Duration.ofMillis(40)).withIdlePoll(Duration.ofMillis(20));
    }

    private static Set<Long> values(List<byte[]> payloads) throws Exception {
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        for (byte[] p : payloads) {
            Message m = MessageCodec.decode(MessageType.TELEMETRY, p);
            ((Telemetry) m).readings().forEach(r -> seen.add(r.value()));
        }
        return seen;
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(10);
        }
    }

    @Test
    void publishesInOrderWithinTheWindowAndMarksDeliveredOnlyWhenAcknowledged() throws Exception {
        try (ForwardStore store = ForwardStore.open(dir.resolve("s.mv.db"), StoreSettings.defaults(), Clock.systemUTC())) {
            store.putReadings(readings(2_000));
            ScriptedLink link = new ScriptedLink();
            try (Uplink uplink = new Uplink(settings(), Outbox.of(store), PLAIN, link, null)) {
                uplink.start();
                await(() -> link.published.size() == 4);
                Thread.sleep(200);
                // the window holds: no fifth envelope before an acknowledgement, nothing delivered yet
                assertThat(link.published).hasSize(4);
                assertThat(store.undeliveredCount()).isEqualTo(2_000);
                while (link.published.size() < 20) {
                    link.ackAll();
                    Thread.sleep(5);
                }
                link.ackAll();
                await(() -> store.undeliveredCount() == 0);
                assertThat(link.maxInFlight.get()).isLessThanOrEqualTo(4);
                List<Long> order = new ArrayList<>();
                for (byte[] p : link.published) {
                    ((Telemetry) MessageCodec.decode(MessageType.TELEMETRY, p)).readings().forEach(r -> order.add(r.value()));
                }
                assertThat(order).hasSize(2_000).isSorted();
                assertThat(uplink.statistics().entriesDelivered()).isEqualTo(2_000);
            }
        }
    }

    @Test
    void whatWasInFlightWhenTheConnectionDroppedIsPublishedAgainAndNothingIsLost() throws Exception {
        try (ForwardStore store = ForwardStore.open(dir.resolve("s.mv.db"), StoreSettings.defaults(), Clock.systemUTC())) {
            store.putReadings(readings(1_000));
            ScriptedLink link = new ScriptedLink();
            try (Uplink uplink = new Uplink(settings(), Outbox.of(store), PLAIN, link, null)) {
                uplink.start();
                await(() -> link.published.size() == 4);
                link.ackAll(); // 400 delivered
                await(() -> link.published.size() == 8);
                link.drop(); // 4 envelopes in flight are lost
                await(() -> link.up && link.published.size() >= 12);
                link.autoAck = true;
                link.ackAll();
                store.putReadings(readings(1_500).subList(1_000, 1_500)); // collection goes on meanwhile
                await(() -> store.undeliveredCount() == 0);
                assertThat(values(link.published)).hasSize(1_500);
                assertThat(uplink.statistics().connects()).isGreaterThanOrEqualTo(2);
                assertThat(uplink.statistics().publishFailures()).isGreaterThanOrEqualTo(4);
            }
        }
    }
}
