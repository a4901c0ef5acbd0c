package org.openami.cloud.uplink;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openami.concentrator.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks acknowledged entries delivered on its own thread, many acknowledgements per store
 * commit, so the MQTT client's threads never wait for the disk (a store compaction can take
 * seconds). If marking fails the entries stay undelivered and are published again later: the
 * cloud's writes are idempotent, so that costs bandwidth, not correctness.
 */
final class DeliveryMarker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryMarker.class);

    private final Outbox outbox;
    private final LinkedBlockingQueue<List<Long>> queue = new LinkedBlockingQueue<>();
    private final AtomicLong marked = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopped;

    DeliveryMarker(Outbox outbox, String name) {
        this.outbox = outbox;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues the sequence numbers of one acknowledged envelope. */
    void acknowledged(List<Long> seqs) {
        queue.add(seqs);
    }

    /** Entries marked so far. */
    long marked() {
        return marked.get();
    }

    /** Acknowledgements not yet written. */
    int pending() {
        return queue.size();
    }

    private void run() {
        List<List<Long>> drained = new ArrayList<>();
        while (!stopped || !queue.isEmpty()) {
            try {
                List<Long> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                drained.clear();
                drained.add(first);
                queue.drainTo(drained, 255);
                List<Long> all = new ArrayList<>();
                drained.forEach(all::addAll);
                outbox.markDelivered(all);
                marked.addAndGet(all.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (StoreException | RuntimeException e) {
                LOG.warn("marking delivered entries failed; they will be sent again: {}", e.getMessage());
            }
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        stopped = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
