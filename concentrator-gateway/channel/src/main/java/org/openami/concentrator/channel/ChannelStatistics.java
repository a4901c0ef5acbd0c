package org.openami.concentrator.channel;

/**
 * Channel-wide counters, an immutable snapshot.
 *
 * @param requests     requests submitted
 * @param succeeded    requests completed with a reply (or sent, for broadcasts)
 * @param failed       requests that failed after their last attempt
 * @param attempts     frames sent, retries included
 * @param retries      attempts after the first
 * @param queued       requests waiting now
 * @param bytesSent    bytes written
 * @param bytesReceived bytes read
 * @param busyNanos    time the medium was occupied by exchanges (send to end of reply or timeout)
 */
public record ChannelStatistics(long requests, long succeeded, long failed, long attempts, long retries,
                                int queued, long bytesSent, long bytesReceived, long busyNanos) {
}
