package org.openami.cloud.envelope;

import static org.openami.cloud.envelope.EnvelopeException.Reason.BAD_SIGNATURE;
import static org.openami.cloud.envelope.EnvelopeException.Reason.DECRYPT_FAILED;
import static org.openami.cloud.envelope.EnvelopeException.Reason.FROM_FUTURE;
import static org.openami.cloud.envelope.EnvelopeException.Reason.STALE;
import static org.openami.cloud.envelope.EnvelopeException.Reason.UNKNOWN_KEY;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * Checks and opens envelopes addressed to this party. The checks run in this order, and the
 * first that fails decides the {@link EnvelopeException.Reason}:
 * <ol>
 *   <li>size bounds and header syntax: MALFORMED, UNSUPPORTED_VERSION;</li>
 *   <li>keys: UNKNOWN_KEY unless this party has its own key for recipientKeyId (and is the
 *       recipient: "cloud" for uplink types, the concentrator for COMMAND) and knows the sender's
 *       key for (sender id, senderKeyId), the sender being the concentrator for uplink types and
 *       "cloud" for COMMAND;</li>
 *   <li>the Ed25519ph signature, before any decryption: BAD_SIGNATURE;</li>
 *   <li>AES-256-GCM decryption with the header as additional data: DECRYPT_FAILED;</li>
 *   <li>freshness against the clock: STALE if older than maxAge, FROM_FUTURE if newer than
 *       now + maxFutureSkew.</li>
 * </ol>
 * Replays are the receiver's business (see {@link OpenedEnvelope#digest()}). Any input yields an
 * {@link OpenedEnvelope} or an {@link EnvelopeException}, never another exception. Content keys
 * and verification keys are cached. Thread-safe.
 */
public final class EnvelopeOpener {

    private static final int MAX_CACHED_VERIFIERS = 100_000;

    private final KeyLookup keys;
    private final Clock clock;
    private final long maxAgeMillis;
    private final long maxFutureSkewMillis;
    private final ContentKeys contentKeys = new ContentKeys();
    private final Map<ByteBuffer, Ed25519PublicKeyParameters> verifiers = new ConcurrentHashMap<>();

    /**
     * An opener using {@code keys}, judging freshness by {@code clock}.
     *
     * @param maxAge        oldest accepted envelope, relative to now; positive
     * @param maxFutureSkew how far ahead of now a sender's clock may be; zero or positive
     */
    public EnvelopeOpener(KeyLookup keys, Clock clock, Duration maxAge, Duration maxFutureSkew) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge " + maxAge + " must be positive");
        }
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew " + maxFutureSkew + " must not be negative");
        }
        this.maxAgeMillis = saturatedMillis(maxAge);
        this.maxFutureSkewMillis = saturatedMillis(maxFutureSkew);
    }

    /**
     * Parses the header of an envelope without any check of authenticity: for logging and
     * quarantine only, never to act on.
     *
     * @throws EnvelopeException MALFORMED or UNSUPPORTED_VERSION
     */
    public static EnvelopeHeader peekHeader(byte[] envelope) throws EnvelopeException {
        Objects.requireNonNull(envelope, "envelope");
        return EnvelopeLayout.parseHeader(envelope);
    }

    /**
     * Checks and opens one envelope.
     *
     * @throws EnvelopeException with the reason of the first check that failed (see the class comment)
     */
    public OpenedEnvelope open(byte[] envelope) throws EnvelopeException {
        Objects.requireNonNull(envelope, "envelope");
        EnvelopeLayout layout = EnvelopeLayout.parse(envelope);
        EnvelopeHeader h = layout.header();

        NodeKeys own = keys.own(h.recipientKeyId())
                .orElseThrow(() -> new EnvelopeException(UNKNOWN_KEY, "no own key with key id " + h.recipientKeyId()));
        if (!own.id().equals(h.recipientId())) {
            throw new EnvelopeException(UNKNOWN_KEY, h.type() + " is addressed to " + h.recipientId()
                    + ", these keys are " + own.id() + "'s");
        }
        PublicNodeKeys peer = keys.peer(h.senderId(), h.senderKeyId())
                .orElseThrow(() -> new EnvelopeException(UNKNOWN_KEY, "no key for " + h.senderId() + " with key id "
                        + h.senderKeyId()));

        if (!Signatures.verify(verifier(peer), envelope, layout.signatureOffset())) {
            throw new EnvelopeException(BAD_SIGNATURE, "signature does not verify with " + h.senderId()
                    + "'s key " + h.senderKeyId());
        }

        byte[] body;
        try {
            body = Aead.open(contentKeys.get(own, peer, h.type().uplink(), h.concentratorId(), h.concentratorKeyId(),
                            h.cloudKeyId()), envelope, layout.nonceOffset(), layout.headerLength(),
                    layout.ciphertextOffset(), layout.ciphertextLength());
        } catch (GeneralSecurityException e) {
            throw new EnvelopeException(DECRYPT_FAILED, "AES-GCM tag does not verify (" + e.getClass().getSimpleName()
                    + "); the sender used other keys", e);
        }

        long now = clock.millis();
        if (h.timestamp() < now - maxAgeMillis) {
            throw new EnvelopeException(STALE, "sealed at " + Instant.ofEpochMilli(h.timestamp()) + ", older than "
                    + Duration.ofMillis(maxAgeMillis) + " before " + Instant.ofEpochMilli(now));
        }
        if (h.timestamp() - maxFutureSkewMillis > now) {
            throw new EnvelopeException(FROM_FUTURE, "sealed at " + Instant.ofEpochMilli(h.timestamp())
                    + ", more than " + Duration.ofMillis(maxFutureSkewMillis) + " after " + Instant.ofEpochMilli(now));
        }
        return new OpenedEnvelope(h, body, sha256(envelope));
    }

    private Ed25519PublicKeyParameters verifier(PublicNodeKeys peer) {
        ByteBuffer key = ByteBuffer.wrap(peer.signingKeyRef());
        Ed25519PublicKeyParameters p = verifiers.get(key);
        if (p == null) {
            if (verifiers.size() >= MAX_CACHED_VERIFIERS) {
                verifiers.clear();
            }
            p = verifiers.computeIfAbsent(key, k -> new Ed25519PublicKeyParameters(peer.signingKeyRef(), 0));
        }
        return p;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /** The duration in milliseconds, capped so that clock arithmetic cannot overflow. */
    private static long saturatedMillis(Duration d) {
        long cap = Long.MAX_VALUE / 4;
        return d.compareTo(Duration.ofMillis(cap)) > 0 ? cap : d.toMillis();
    }
}
