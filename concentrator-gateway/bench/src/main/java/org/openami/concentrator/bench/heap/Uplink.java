package org.openami.concentrator.bench.heap;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.openami.concentrator.store.ForwardStore;
import org.openami.concentrator.store.StoreException;
import org.openami.concentrator.store.StoredEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A working uplink, as far as the store can tell: every run takes the outbox's oldest entries
 * in batches and marks them delivered, as the MQTT bridge does once the cloud acknowledges
 * them (the network itself is not simulated). Runs on one scheduler thread.
 */
final class Uplink implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Uplink.class);
    private static final int BATCH = 1000;

    private final ForwardStore store;
    private final LongAdder delivered = new LongAdder();

    Uplink(ForwardStore store) {
        this.store = store;
    }

    long delivered() {
        return delivered.sum();
    }

    @Override
    public void run() {
        try {
            List<StoredEntry> batch;
            while (!(batch = store.nextBatch(BATCH)).isEmpty()) {
                List<Long> seqs = new ArrayList<>(batch.size());
                for (StoredEntry e : batch) {
                    seqs.add(e.seq());
                }
                delivered.add(store.markDelivered(seqs));
                if (batch.size() < BATCH) {
                    return;
                }
            }
        } catch (StoreException | RuntimeException e) {
            LOG.warn("uplink: {}", e.toString());
        }
    }
}
