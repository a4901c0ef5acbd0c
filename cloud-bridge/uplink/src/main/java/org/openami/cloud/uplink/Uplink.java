package org.openami.cloud.uplink;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.openami.cloud.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The concentrator's uplink: keeps a connection to the broker, publishes the outbox
 * ({@link UplinkPublisher}) and hands downlink messages to the {@link CommandReceiver}.
 *
 * <p>Connection attempts back off from {@link UplinkSettings#reconnectMin()} doubling to
 * {@link UplinkSettings#reconnectMax()}, each wait drawn at random between half and all of the
 * current delay, so concentrators that lost the broker together do not come back together.
 * Collection is not affected by an outage: the outbox fills, and after reconnecting it is
 * published again in order, at most {@link UplinkSettings#maxEntriesPerSecond()}.
 */
public final class Uplink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Uplink.class);

    private final UplinkSettings settings;
    private final Outbox outbox;
    private final BrokerLink link;
    private final CommandReceiver commands;
    private final DeliveryMarker marker;
    private final UplinkPublisher publisher;
    private final Object lostSignal = new Object();
    private final AtomicLong connects = new AtomicLong();
    private volatile boolean connected;
    private volatile boolean stopped;
    private volatile String lastError = "";
    private Thread connector;

    /**
     * @param commands the command receiver, or null for an uplink that takes no commands
     */
    public Uplink(UplinkSettings settings, Outbox outbox, MessageSealer sealer, BrokerLink link,
                  CommandReceiver commands) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.link = Objects.requireNonNull(link, "link");
        this.commands = commands;
        this.marker = new DeliveryMarker(outbox, "uplink-acks-" + settings.concentratorId());
        this.publisher = new UplinkPublisher(settings, outbox, sealer, link,
                RateLimiter.system(settings.maxEntriesPerSecond()), marker);
        link.listener(new BrokerLink.Listener() {
            @Override
            public void message(String topic, byte[] payload) {
                if (Uplink.this.commands != null) {
                    Uplink.this.commands.accept(topic, payload);
                }
            }

            @Override
            public void lost(Throwable cause) {
                onLost(cause);
            }
        });
    }

    /** Starts connecting and publishing in the background. */
    public synchronized void start() {
        if (connector != null) {
            throw new IllegalStateException("already started");
        }
        publisher.start();
        connector = new Thread(this::connectLoop, "uplink-connect-" + settings.concentratorId());
        connector.setDaemon(true);
        connector.start();
    }

    /** New entries are in the outbox: publish them now rather than at the next poll. */
    public void wake() {
        publisher.wake();
    }

    public UplinkStatistics statistics() {
        return new UplinkStatistics(connected && link.connected(), connects.get(), publisher.envelopesPublished(),
                marker.marked(), publisher.publishFailures(), commands == null ? 0 : commands.executed(),
                commands == null ? 0 : commands.refused(), outbox.backlog(), lastError);
    }

    private void connectLoop() {
        long delay = settings.reconnectMin().toMillis();
        while (!stopped) {
            try {
                boolean session = link.connect();
                if (commands != null) {
                    link.subscribe(Topics.topic(settings.concentratorId(), Topics.Channel.COMMANDS));
                }
                connects.incrementAndGet();
                connected = true;
                lastError = "";
                delay = settings.reconnectMin().toMillis();
                LOG.info("uplink {} connected (session {})", settings.concentratorId(), session ? "resumed" : "new");
                publisher.online();
                waitUntilLost();
            } catch (IOException e) {
                lastError = e.getMessage();
                LOG.warn("uplink {}: {}; next attempt within {} ms", settings.concentratorId(), e.getMessage(), delay);
                link.disconnect();
            }
            if (stopped) {
                return;
            }
            long wait = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
            sleep(wait);
            delay = Math.min(settings.reconnectMax().toMillis(), delay * 2);
        }
    }

    private void waitUntilLost() {
        synchronized (lostSignal) {
            while (connected && !stopped) {
                try {
                    lostSignal.wait(1_000);
                } catch (InterruptedException e) {
                    return;
                }
                if (!link.connected()) {
                    connected = false;
                }
            }
        }
        publisher.offline();
    }

    private void onLost(Throwable cause) {
        lastError = String.valueOf(cause.getMessage());
        LOG.warn("uplink {} lost the broker: {}", settings.concentratorId(), cause.getMessage());
        publisher.offline();
        synchronized (lostSignal) {
            connected = false;
            lostSignal.notifyAll();
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops publishing, writes pending acknowledgements, disconnects (the broker keeps the session). */
    @Override
    public void close() {
        stopped = true;
        synchronized (lostSignal) {
            lostSignal.notifyAll();
        }
        publisher.stop();
        if (connector != null) {
            connector.interrupt();
            try {
                connector.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        link.close();
        marker.close();
        if (commands != null) {
            commands.close();
        }
    }
}
