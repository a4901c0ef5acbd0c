package org.openami.cloud.uplink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openami.cloud.message.CommandResults;
import org.openami.cloud.message.Events;
import org.openami.cloud.message.Message;
import org.openami.cloud.message.MessageLimits;
import org.openami.cloud.message.Telemetry;
import org.openami.cloud.topic.Topics;
import org.openami.concentrator.model.CommandResult;
import org.openami.concentrator.model.MeterEvent;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.store.StoreException;
import org.openami.concentrator.store.StoredEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox in order, one batch at a time, with at most {@code window} envelopes
 * waiting for the broker's acknowledgement.
 *
 * <p>A cursor remembers the last entry handed to the broker so the next batch starts after it
 * while earlier ones are still in flight. Every connection is an <em>epoch</em> with its own
 * cursor and window: when the connection drops, the next epoch starts again from the oldest
 * undelivered entry, so whatever was in flight is published again (in order) and nothing
 * depends on the MQTT client's in-memory state. Acknowledgements of an old epoch still mark
 * their entries delivered. A message the broker refuses (a bad ACL, say) starts a new epoch
 * after a pause that doubles up to the reconnect maximum, so a refusing broker is not hammered.
 */
final class UplinkPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(UplinkPublisher.class);

    /** One connection's state. */
    private static final class Epoch {
        final Semaphore window;
        volatile boolean over;
        long cursor = -1;

        Epoch(int window) {
            this.window = new Semaphore(window);
        }
    }

    private final UplinkSettings settings;
    private final Outbox outbox;
    private final MessageSealer sealer;
    private final BrokerLink link;
    private final RateLimiter limiter;
    private final DeliveryMarker marker;
    private final String telemetryTopic;
    private final String eventsTopic;
    private final String acksTopic;
    private final Object signal = new Object();
    private final AtomicLong envelopes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile Epoch epoch;
    private volatile boolean stopped;
    private volatile long refusalPauseMillis;
    private Thread thread;

    UplinkPublisher(UplinkSettings settings, Outbox outbox, MessageSealer sealer, BrokerLink link,
                    RateLimiter limiter, DeliveryMarker marker) {
        this.settings = settings;
        this.outbox = outbox;
        this.sealer = sealer;
        this.link = link;
        this.limiter = limiter;
        this.marker = marker;
        String id = settings.concentratorId();
        this.telemetryTopic = Topics.topic(id, Topics.Channel.TELEMETRY);
        this.eventsTopic = Topics.topic(id, Topics.Channel.EVENTS);
        this.acksTopic = Topics.topic(id, Topics.Channel.ACKS);
    }

    void start() {
        thread = new Thread(this::run, "uplink-publisher-" + settings.concentratorId());
        thread.setDaemon(true);
        thread.start();
    }

    /** A connection is up: start a new epoch from the oldest undelivered entry. */
    void online() {
        Epoch old = epoch;
        if (old != null) {
            old.over = true;
        }
        epoch = new Epoch(settings.window());
        wake();
    }

    /** The connection is down: stop publishing until {@link #online}. */
    void offline() {
        Epoch old = epoch;
        if (old != null) {
            old.over = true;
        }
        epoch = null;
    }

    /** New entries may be waiting: look now rather than at the next idle poll. */
    void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    long envelopesPublished() {
        return envelopes.get();
    }

    long publishFailures() {
        return failures.get();
    }

    void stop() {
        stopped = true;
        offline();
        wake();
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (!stopped) {
            try {
                Epoch e = epoch;
                if (e == null || e.over) {
                    idle();
                    continue;
                }
                if (!publishNextBatch(e)) {
                    idle();
                }
            } catch (InterruptedException ie) {
                if (stopped) {
                    return;
                }
            } catch (RuntimeException ex) {
                LOG.error("uplink publisher: unexpected failure, going on", ex);
                sleepQuietly(settings.idlePoll().toMillis());
            }
        }
    }

    /** Publishes one batch; false if there was nothing to publish (or the store failed). */
    private boolean publishNextBatch(Epoch e) throws InterruptedException {
        List<StoredEntry> batch;
        try {
            batch = outbox.entriesAfter(e.cursor, settings.batchSize());
        } catch (StoreException ex) {
            LOG.warn("reading the outbox failed: {}", ex.getMessage());
            return false;
        }
        if (batch.isEmpty()) {
            return false;
        }
        limiter.acquire(batch.size());
        List<Reading> readings = new ArrayList<>();
        List<Long> readingSeqs = new ArrayList<>();
        List<MeterEvent> events = new ArrayList<>();
        List<Long> eventSeqs = new ArrayList<>();
        List<CommandResult> results = new ArrayList<>();
        List<Long> resultSeqs = new ArrayList<>();
        for (StoredEntry entry : batch) {
            switch (entry.type()) {
                case READING -> {
                    readings.add(entry.reading());
                    readingSeqs.add(entry.seq());
                }
                case EVENT -> {
                    events.add(fit(entry.event()));
                    eventSeqs.add(entry.seq());
                }
                case COMMAND_RESULT -> {
                    results.add(fit(entry.commandResult()));
                    resultSeqs.add(entry.seq());
                }
            }
        }
        if (!readings.isEmpty() && !send(e, telemetryTopic, new Telemetry(readings), readingSeqs)) {
            return true;
        }
        if (!events.isEmpty() && !send(e, eventsTopic, new Events(events), eventSeqs)) {
            return true;
        }
        if (!results.isEmpty() && !send(e, acksTopic, new CommandResults(results), resultSeqs)) {
            return true;
        }
        e.cursor = batch.get(batch.size() - 1).seq();
        return true;
    }

    /** An event whose free text fits the message limits (it is cut, never refused). */
    private static MeterEvent fit(MeterEvent e) {
        String detail = MessageLimits.truncate(e.detail(), MessageLimits.MAX_DETAIL_LENGTH);
        return detail.equals(e.detail()) ? e : new MeterEvent(e.point(), e.meter(), e.type(), e.time(), detail);
    }

    /** A command result whose reason fits the message limits. */
    private static CommandResult fit(CommandResult r) {
        String reason = MessageLimits.truncate(r.reason(), MessageLimits.MAX_REASON_LENGTH);
        return reason.equals(r.reason()) ? r : new CommandResult(r.commandId(), r.point(), r.meter(), r.command(),
                r.success(), reason, r.time());
    }

    /** Publishes one envelope within the window; false if the epoch ended first. */
    private boolean send(Epoch e, String topic, Message message, List<Long> seqs) throws InterruptedException {
        while (!e.window.tryAcquire(200, TimeUnit.MILLISECONDS)) {
            if (e.over || stopped) {
                return false;
            }
        }
        if (e.over) {
            e.window.release();
            return false;
        }
        byte[] payload;
        try {
            payload = sealer.seal(message);
        } catch (IOException | RuntimeException ex) {
            e.window.release();
            LOG.error("sealing an envelope for {} failed: {}", topic, ex.toString());
            refused(e);
            return false;
        }
        link.publish(topic, payload).whenComplete((ok, err) -> {
            e.window.release();
            if (err == null) {
                envelopes.incrementAndGet();
                refusalPauseMillis = 0;
                marker.acknowledged(seqs);
            } else {
                failures.incrementAndGet();
                if (link.connected() && !e.over) {
                    LOG.warn("broker did not take an envelope on {}: {}", topic, err.getMessage());
                    refused(e);
                }
            }
        });
        return true;
    }

    /** The broker refused (or sealing failed) while connected: pause, then start over from the oldest entry. */
    private void refused(Epoch e) {
        if (e.over || epoch != e) {
            return;
        }
        long pause = refusalPauseMillis == 0 ? settings.reconnectMin().toMillis()
                : Math.min(settings.reconnectMax().toMillis(), refusalPauseMillis * 2);
        refusalPauseMillis = pause;
        e.over = true;
        Thread t = new Thread(() -> {
            sleepQuietly(pause);
            if (epoch == e && !stopped) {
                online();
            }
        }, "uplink-pause");
        t.setDaemon(true);
        t.start();
    }

    private void idle() throws InterruptedException {
        synchronized (signal) {
            signal.wait(settings.idlePoll().toMillis());
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
