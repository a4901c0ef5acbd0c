package org.openami.cloud.envelope;

import java.util.Objects;

/**
 * An envelope that was refused, with the {@link Reason}. The detail never contains key material.
 * {@link Reason#REPLAYED} and {@link Reason#MALFORMED_BODY} are raised by receivers: the replay
 * check lives with each receiver's storage, and the body is decoded after opening.
 */
public final class EnvelopeException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why an envelope was refused, in the order {@link EnvelopeOpener} checks. */
    public enum Reason {
        /** Too short, too long, bad magic, unknown type, flags set, bad id or lengths that do not add up. */
        MALFORMED,
        /** A version other than 1. */
        UNSUPPORTED_VERSION,
        /** No own key for the recipient key id, or no peer key for (sender id, sender key id). */
        UNKNOWN_KEY,
        /** The Ed25519ph signature does not verify with the sender's key. */
        BAD_SIGNATURE,
        /** AES-GCM authentication failed (signed by the sender, but not for this recipient's key). */
        DECRYPT_FAILED,
        /** Older than the receiver's maximum age. */
        STALE,
        /** Newer than the receiver's clock plus the allowed skew. */
        FROM_FUTURE,
        /** The sequence number was already used with a different envelope (raised by the receiver). */
        REPLAYED,
        /** The decrypted body is not a valid message of the header's type (raised by the receiver). */
        MALFORMED_BODY
    }

    private final Reason reason;

    /** A refusal for {@code reason}, with a human-readable detail. */
    public EnvelopeException(Reason reason, String detail) {
        super(Objects.requireNonNull(reason, "reason") + ": " + detail);
        this.reason = reason;
    }

    /** A refusal for {@code reason}, with a detail and the lower-level cause. */
    public EnvelopeException(Reason reason, String detail, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason") + ": " + detail, cause);
        this.reason = reason;
    }

    /** Why the envelope was refused. */
    public Reason reason() {
        return reason;
    }
}
