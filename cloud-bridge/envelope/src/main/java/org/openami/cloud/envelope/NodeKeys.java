package org.openami.cloud.envelope;

import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * One party's private keys for one key id: an Ed25519 signing key and an X25519 key-agreement
 * key. The party is a concentrator (id = its concentrator id) or the cloud (id "cloud"); the
 * key id numbers the generation, so keys can be rotated. {@link #toString()} never shows key
 * material. Immutable and thread-safe.
 */
public final class NodeKeys {

    private final String id;
    private final int keyId;
    private final Ed25519PrivateKeyParameters signing;
    private final X25519PrivateKeyParameters agreement;
    private final PublicNodeKeys publicKeys;

    NodeKeys(String id, int keyId, Ed25519PrivateKeyParameters signing, X25519PrivateKeyParameters agreement) {
        this.id = EnvelopeFormat.requirePartyId(id, "id");
        this.keyId = EnvelopeFormat.requireKeyId(keyId, "keyId");
        this.signing = Objects.requireNonNull(signing, "signing");
        this.agreement = Objects.requireNonNull(agreement, "agreement");
        this.publicKeys = new PublicNodeKeys(id, keyId, signing.generatePublicKey().getEncoded(),
                agreement.generatePublicKey().getEncoded());
    }

    /** New random keys for party {@code id}, generation {@code keyId}. */
    public static NodeKeys generate(String id, int keyId, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        return new NodeKeys(id, keyId, new Ed25519PrivateKeyParameters(random), new X25519PrivateKeyParameters(random));
    }

    /**
     * Keys from their raw private encodings: a 32-byte Ed25519 private key (RFC 8032 seed) and a
     * 32-byte X25519 private key (RFC 7748 scalar). The arrays are copied.
     */
    public static NodeKeys of(String id, int keyId, byte[] signingPrivateKey, byte[] agreementPrivateKey) {
        if (signingPrivateKey.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("signingPrivateKey: " + signingPrivateKey.length + " bytes, must be 32");
        }
        if (agreementPrivateKey.length != X25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("agreementPrivateKey: " + agreementPrivateKey.length + " bytes, must be 32");
        }
        return new NodeKeys(id, keyId, new Ed25519PrivateKeyParameters(signingPrivateKey, 0),
                new X25519PrivateKeyParameters(agreementPrivateKey, 0));
    }

    /** The party: a concentrator id, or "cloud". */
    public String id() {
        return id;
    }

    /** The key generation, 0..2^31-1. */
    public int keyId() {
        return keyId;
    }

    /** Whether these are the cloud's keys. */
    public boolean isCloud() {
        return id.equals(EnvelopeFormat.CLOUD_ID);
    }

    /** The matching public keys, to give to peers. */
    public PublicNodeKeys publicKeys() {
        return publicKeys;
    }

    Ed25519PrivateKeyParameters signingKey() {
        return signing;
    }

    X25519PrivateKeyParameters agreementKey() {
        return agreement;
    }

    @Override
    public String toString() {
        return "NodeKeys[id=" + id + ", keyId=" + keyId + ", fingerprint=" + publicKeys.fingerprint() + "]";
    }
}
