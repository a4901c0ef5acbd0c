package org.openami.cloud.envelope;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import org.openami.cloud.message.Message;
import org.openami.cloud.message.MessageCodec;
import org.openami.cloud.message.MessageType;

/**
 * Seals message bodies from one party to one peer. A concentrator (self id = concentratorId,
 * peer "cloud") seals only uplink types; the cloud (self id "cloud", peer = the concentrator)
 * seals only {@link MessageType#COMMAND}. The content key is derived once, at construction.
 * Each envelope gets a fresh random nonce. Thread-safe.
 */
public final class EnvelopeSealer {

    private final NodeKeys self;
    private final PublicNodeKeys peer;
    private final String concentratorId;
    private final SecureRandom random;
    private final boolean uplink;
    private final SecretKeySpec contentKey;

    /**
     * A sealer for messages between {@code self} and {@code peer} about {@code concentratorId}.
     *
     * @throws IllegalArgumentException if the ids do not describe a concentrator and the cloud:
     *                                  either self is the concentrator {@code concentratorId} and
     *                                  peer is "cloud", or self is "cloud" and peer is the concentrator
     */
    public EnvelopeSealer(NodeKeys self, PublicNodeKeys peer, String concentratorId, SecureRandom random) {
        this.self = Objects.requireNonNull(self, "self");
        this.peer = Objects.requireNonNull(peer, "peer");
        this.random = Objects.requireNonNull(random, "random");
        EnvelopeFormat.requirePartyId(concentratorId, "concentratorId");
        if (concentratorId.equals(EnvelopeFormat.CLOUD_ID)) {
            throw new IllegalArgumentException("concentratorId: \"cloud\" is the cloud's id");
        }
        this.concentratorId = concentratorId;
        if (self.isCloud()) {
            if (!peer.id().equals(concentratorId)) {
                throw new IllegalArgumentException("the cloud seals for concentrator " + concentratorId
                        + ", but the peer keys belong to " + peer.id());
            }
            uplink = false;
        } else {
            if (!self.id().equals(concentratorId)) {
                throw new IllegalArgumentException("concentrator " + self.id() + " cannot seal as " + concentratorId);
            }
            if (!peer.id().equals(EnvelopeFormat.CLOUD_ID)) {
                throw new IllegalArgumentException("a concentrator seals for the cloud, but the peer keys belong to "
                        + peer.id());
            }
            uplink = true;
        }
        int concentratorKeyId = uplink ? self.keyId() : peer.keyId();
        int cloudKeyId = uplink ? peer.keyId() : self.keyId();
        this.contentKey = ContentKeys.derive(self, peer, uplink, concentratorId, concentratorKeyId, cloudKeyId);
    }

    /**
     * Encodes {@code message} ({@link MessageCodec#encode}) and seals it.
     *
     * @throws IllegalArgumentException as {@link #seal(MessageType, long, long, byte[])} and
     *                                  {@link MessageCodec#encode}
     */
    public byte[] seal(Message message, long sequence, long timestamp) {
        return seal(message.type(), sequence, timestamp, MessageCodec.encode(message));
    }

    /**
     * Seals an encoded body.
     *
     * @param type      the body's message type; must match this sealer's direction
     * @param sequence  the sender's next sequence number (see {@link SequenceCounter}), {@code >= 0}
     * @param timestamp epoch milliseconds now, {@code >= 0}
     * @param body      the CBOR body, at most {@link EnvelopeFormat#MAX_BODY_BYTES}
     * @return the envelope bytes
     * @throws IllegalArgumentException if the type goes the other way, or a value is out of range
     */
    public byte[] seal(MessageType type, long sequence, long timestamp, byte[] body) {
        byte[] nonce = new byte[EnvelopeFormat.NONCE_BYTES];
        random.nextBytes(nonce);
        return seal(type, sequence, timestamp, body, nonce);
    }

    /** {@link #seal(MessageType, long, long, byte[])} with a given nonce: for test vectors only. */
    byte[] seal(MessageType type, long sequence, long timestamp, byte[] body, byte[] nonce) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
        if (type.uplink() != uplink) {
            throw new IllegalArgumentException((uplink ? "a concentrator" : "the cloud") + " cannot seal " + type
                    + " (" + (type.uplink() ? "uplink" : "downlink") + ")");
        }
        if (body.length > EnvelopeFormat.MAX_BODY_BYTES) {
            throw new IllegalArgumentException("body of " + body.length + " bytes, at most "
                    + EnvelopeFormat.MAX_BODY_BYTES);
        }
        if (nonce.length != EnvelopeFormat.NONCE_BYTES) {
            throw new IllegalArgumentException("nonce of " + nonce.length + " bytes, must be 12");
        }
        EnvelopeHeader header = new EnvelopeHeader(EnvelopeFormat.VERSION, type, concentratorId, self.keyId(),
                peer.keyId(), sequence, timestamp);
        int headerLength = EnvelopeLayout.headerLength(concentratorId.length());
        int ctLength = body.length + EnvelopeFormat.TAG_BYTES;
        int signed = headerLength + 4 + ctLength;
        byte[] out = new byte[signed + EnvelopeFormat.SIGNATURE_BYTES];
        EnvelopeLayout.writeHeader(out, header, nonce);
        ByteBuffer.wrap(out).putInt(headerLength, ctLength);
        Aead.seal(contentKey, nonce, out, headerLength, body, 0, body.length, headerLength + 4);
        Signatures.sign(self.signingKey(), out, signed);
        return out;
    }

    /** The concentrator this sealer's envelopes come from or go to. */
    public String concentratorId() {
        return concentratorId;
    }

    /** The key generation of the sender (this party). */
    public int senderKeyId() {
        return self.keyId();
    }

    /** The key generation of the recipient (the peer). */
    public int recipientKeyId() {
        return peer.keyId();
    }
}
