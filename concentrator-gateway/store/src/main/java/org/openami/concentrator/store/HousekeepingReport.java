package org.openami.concentrator.store;

/**
 * What one {@link ForwardStore#housekeeping()} run did.
 *
 * @param removedByRetention delivered entries removed because they were older than the retention
 * @param evictedDelivered   delivered entries evicted to get under the size limit
 * @param evictedUndelivered undelivered entries evicted to get under the size limit
 * @param compacted          whether the file was compacted
 * @param fileBytesBefore    file size when the run started
 * @param fileBytesAfter     file size when the run ended
 */
public record HousekeepingReport(long removedByRetention, long evictedDelivered, long evictedUndelivered,
                                 boolean compacted, long fileBytesBefore, long fileBytesAfter) {

    /** This report with {@code fileBytesAfter} set. */
    HousekeepingReport withSizeAfter(long bytes) {
        return new HousekeepingReport(removedByRetention, evictedDelivered, evictedUndelivered, compacted,
                fileBytesBefore, bytes);
    }
}
