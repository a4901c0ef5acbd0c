package org.openami.meter.update.keys;

import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An Ed25519 public key that checks firmware manifest signatures. Immutable and thread-safe
 * (each {@link #verify} call uses its own signer). Its {@link #toString()} shows only the key id.
 */
public final class VerificationKey {

    /** Length of a raw Ed25519 public key. */
    public static final int RAW_LENGTH = Ed25519PublicKeyParameters.KEY_SIZE;
    /** Length of an Ed25519 signature. */
    public static final int SIGNATURE_LENGTH = 64;

    private final Ed25519PublicKeyParameters key;
    private final KeyId id;

    VerificationKey(Ed25519PublicKeyParameters key) {
        this.key = key;
        this.id = KeyId.ofRawPublicKey(key.getEncoded());
    }

    /** A key from its raw 32 bytes. @throws IllegalArgumentException if the length is wrong */
    public static VerificationKey ofRaw(byte[] raw) {
        if (raw.length != RAW_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + raw.length);
        }
        return new VerificationKey(new Ed25519PublicKeyParameters(raw, 0));
    }

    /** The key id (first 8 bytes of SHA-256 of {@link #raw()}). */
    public KeyId keyId() {
        return id;
    }

    /** The raw 32-byte public key (a copy). */
    public byte[] raw() {
        return key.getEncoded();
    }

    /**
     * True if {@code signature} is a valid Ed25519 signature of exactly {@code message}.
     * Never throws for malformed signatures; a signature of the wrong length is simply invalid.
     */
    public boolean verify(byte[] message, byte[] signature) {
        if (signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(false, key);
        signer.update(message, 0, message.length);
        return signer.verifySignature(signature);
    }

    Ed25519PublicKeyParameters parameters() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerificationKey other && Arrays.equals(raw(), other.raw());
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "VerificationKey[" + id + "]";
    }
}
