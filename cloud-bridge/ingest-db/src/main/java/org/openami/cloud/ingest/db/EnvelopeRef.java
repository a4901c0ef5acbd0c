package org.openami.cloud.ingest.db;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The envelope a batch of records came in: who sent it, its sequence number (never reused by
 * the sender) and a digest of its exact bytes. {@link IngestWriter} records every applied
 * envelope in the replay table under (concentrator, sequence); a second envelope under the
 * same pair is a {@link WriteOutcome.Status#DUPLICATE} when the digest is equal and
 * {@link WriteOutcome.Status#SEQUENCE_REUSED} when it differs.
 *
 * @param concentratorId the authenticated sender, 1..{@value Limits#MAX_ID_CHARS} characters
 * @param sequence       the sender's sequence number, not negative
 * @param digest         a digest of the envelope (e.g. SHA-256), 1..{@value Limits#MAX_DIGEST_BYTES} bytes; copied
 * @param receivedAt     epoch milliseconds the cloud received it
 */
public record EnvelopeRef(String concentratorId, long sequence, byte[] digest, long receivedAt) {

    public EnvelopeRef {
        Objects.requireNonNull(concentratorId, "concentratorId");
        Objects.requireNonNull(digest, "digest");
        if (concentratorId.isEmpty() || concentratorId.length() > Limits.MAX_ID_CHARS
                || concentratorId.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("concentrator id must be 1.." + Limits.MAX_ID_CHARS
                    + " characters without NUL, got " + concentratorId.length());
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence " + sequence + " is negative");
        }
        if (digest.length == 0 || digest.length > Limits.MAX_DIGEST_BYTES) {
            throw new IllegalArgumentException("digest must be 1.." + Limits.MAX_DIGEST_BYTES
                    + " bytes, got " + digest.length);
        }
        digest = digest.clone();
    }

    /** A copy of the digest. */
    @Override
    public byte[] digest() {
        return digest.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnvelopeRef other && concentratorId.equals(other.concentratorId)
                && sequence == other.sequence && Arrays.equals(digest, other.digest)
                && receivedAt == other.receivedAt;
    }

    @Override
    public int hashCode() {
        return Objects.hash(concentratorId, sequence, Arrays.hashCode(digest), receivedAt);
    }

    @Override
    public String toString() {
        return "EnvelopeRef[" + concentratorId + " #" + sequence + ", digest "
                + HexFormat.of().formatHex(digest) + ", receivedAt " + receivedAt + "]";
    }
}
