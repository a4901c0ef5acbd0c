package org.openami.meter.update.keys;

import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An Ed25519 private key that signs firmware manifests. Immutable and thread-safe (each
 * {@link #sign} call uses its own signer). It never reveals key material through
 * {@link #toString()}; the only way out is {@link KeyPem#encode(SigningKey)}.
 */
public final class SigningKey {

    private final Ed25519PrivateKeyParameters key;
    private final VerificationKey publicKey;

    SigningKey(Ed25519PrivateKeyParameters key) {
        this.key = key;
        this.publicKey = new VerificationKey(key.generatePublicKey());
    }

    /** A new random key pair. Blocks only if {@code random} blocks (for entropy). */
    public static SigningKey generate(SecureRandom random) {
        Ed25519KeyPairGenerator gen = new Ed25519KeyPairGenerator();
        gen.init(new Ed25519KeyGenerationParameters(random));
        return new SigningKey((Ed25519PrivateKeyParameters) gen.generateKeyPair().getPrivate());
    }

    /** The matching public key. */
    public VerificationKey verificationKey() {
        return publicKey;
    }

    /** The id of the matching public key. */
    public KeyId keyId() {
        return publicKey.keyId();
    }

    /** The 64-byte Ed25519 signature of exactly {@code message}. */
    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    Ed25519PrivateKeyParameters parameters() {
        return key;
    }

    @Override
    public String toString() {
        return "SigningKey[" + keyId() + "]";
    }
}
