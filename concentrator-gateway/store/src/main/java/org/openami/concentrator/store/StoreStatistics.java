package org.openami.concentrator.store;

/**
 * A snapshot of a {@link ForwardStore}. Counters marked "persistent" survive a restart; the
 * others count since the store was opened.
 *
 * @param undelivered           entries waiting for the uplink
 * @param delivered             delivered entries still kept (retention)
 * @param oldestUndeliveredAt   epoch milliseconds the oldest undelivered entry was stored, or -1
 * @param fileBytes             the size of the store file on disk, as the file system reports it
 * @param peakFileBytes         the largest file size seen since opening, including the transient
 *                              growth while compacting
 * @param maxBytes              the configured limit
 * @param chunkFillPercent      the share of the file's chunks that holds live data
 * @param evictedDelivered      delivered entries removed to stay under the limit (persistent)
 * @param evictedUndelivered    undelivered entries removed to stay under the limit (persistent)
 * @param removedByRetention    delivered entries removed because they were older than the
 *                              retention (persistent)
 * @param correctionsIgnored    readings refused because their key was already delivered with
 *                              another value (persistent)
 * @param undecodableEntries    distinct stored entries that could not be decoded (bad checksum,
 *                              newer format) and were skipped
 * @param compactions           compaction runs since opening
 * @param nearFull              whether {@code STORE_NEAR_FULL} was raised and has not cleared
 *                              (persistent)
 * @param lastHousekeepingAt    epoch milliseconds of the last {@link ForwardStore#housekeeping()},
 *                              or -1 (persistent)
 */
public record StoreStatistics(long undelivered, long delivered, long oldestUndeliveredAt,
                              long fileBytes, long peakFileBytes, long maxBytes, int chunkFillPercent,
                              long evictedDelivered, long evictedUndelivered, long removedByRetention,
                              long correctionsIgnored, long undecodableEntries, long compactions,
                              boolean nearFull, long lastHousekeepingAt) {
}
