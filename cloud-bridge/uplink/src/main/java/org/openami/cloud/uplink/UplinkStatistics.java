package org.openami.cloud.uplink;

/**
 * A snapshot of the uplink.
 *
 * @param connected          connected to the broker now
 * @param connects           successful connections since start
 * @param envelopesPublished envelopes the broker acknowledged
 * @param entriesDelivered   outbox entries marked delivered
 * @param publishFailures    envelopes that failed (connection dropped, broker refused)
 * @param commandsExecuted   downlink commands executed
 * @param commandsRefused    downlink messages refused
 * @param backlog            outbox entries waiting
 * @param lastError          the last connection error, or "" if none
 */
public record UplinkStatistics(boolean connected, long connects, long envelopesPublished, long entriesDelivered,
                               long publishFailures, long commandsExecuted, long commandsRefused, long backlog,
                               String lastError) {
}
