package org.openami.cloud.uplink;

import java.util.Collection;
import java.util.List;
import org.openami.concentrator.model.CommandResult;
import org.openami.concentrator.model.MeterEvent;
import org.openami.concentrator.store.ForwardStore;
import org.openami.concentrator.store.StoreException;
import org.openami.concentrator.store.StoredEntry;

/**
 * What the uplink needs of the concentrator's store-and-forward: entries in sequence order,
 * delivery marking, and a place for command results and events it produces itself.
 */
public interface Outbox {

    /** Undelivered entries with a sequence number above {@code afterSeq}, oldest first, at most {@code max}. */
    List<StoredEntry> entriesAfter(long afterSeq, int max) throws StoreException;

    /** Marks entries delivered (idempotent). */
    void markDelivered(Collection<Long> seqs) throws StoreException;

    /** Stores the result of a downlink command; it goes up as an ack. */
    void putCommandResult(CommandResult result) throws StoreException;

    /** Stores an event of the uplink itself (a refused command, say). */
    void putEvent(MeterEvent event) throws StoreException;

    /** Entries waiting to be delivered. */
    long backlog();

    /** The outbox of a {@link ForwardStore}. */
    static Outbox of(ForwardStore store) {
        return new Outbox() {
            @Override
            public List<StoredEntry> entriesAfter(long afterSeq, int max) throws StoreException {
                return store.nextBatchAfter(afterSeq, max);
            }

            @Override
            public void markDelivered(Collection<Long> seqs) throws StoreException {
                store.markDelivered(seqs);
            }

            @Override
            public void putCommandResult(CommandResult result) throws StoreException {
                store.putCommandResult(result);
            }

            @Override
            public void putEvent(MeterEvent event) throws StoreException {
                store.putEvent(event);
            }

            @Override
            public long backlog() {
                return store.undeliveredCount();
            }
        };
    }
}
