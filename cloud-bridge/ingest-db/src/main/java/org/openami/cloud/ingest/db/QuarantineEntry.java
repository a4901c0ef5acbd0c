package org.openami.cloud.ingest.db;

import java.util.Arrays;
import java.util.Objects;

/**
 * One quarantined message, as {@link QuarantineLog} stored it.
 *
 * @param id             increasing number, assigned by the database
 * @param receivedAt     epoch milliseconds it was quarantined
 * @param topic          the MQTT topic it arrived on
 * @param concentratorId the sender, when known
 * @param sequence       the envelope's sequence number, when known
 * @param reason         a short machine-friendly reason (e.g. "BAD_SIGNATURE")
 * @param detail         a human-readable explanation
 * @param size           the full size of the message in bytes
 * @param envelope       its first {@link Limits#MAX_QUARANTINED_BYTES} bytes (a copy)
 */
public record QuarantineEntry(long id, long receivedAt, String topic, String concentratorId, Long sequence,
                              String reason, String detail, int size, byte[] envelope) {

    public QuarantineEntry {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(envelope, "envelope");
        envelope = envelope.clone();
    }

    /** A copy of the stored bytes. */
    @Override
    public byte[] envelope() {
        return envelope.clone();
    }

    /** Whether only part of the message was kept. */
    public boolean truncated() {
        return envelope.length < size;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuarantineEntry q && id == q.id && receivedAt == q.receivedAt && size == q.size
                && topic.equals(q.topic) && Objects.equals(concentratorId, q.concentratorId)
                && Objects.equals(sequence, q.sequence) && reason.equals(q.reason) && detail.equals(q.detail)
                && Arrays.equals(envelope, q.envelope);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, receivedAt, topic, concentratorId, sequence, reason, detail, size, Arrays.hashCode(envelope));
    }

    @Override
    public String toString() {
        return "QuarantineEntry[" + id + ", " + topic + ", " + concentratorId + " #" + sequence + ", " + reason
                + ": " + detail + ", " + size + " bytes]";
    }
}
