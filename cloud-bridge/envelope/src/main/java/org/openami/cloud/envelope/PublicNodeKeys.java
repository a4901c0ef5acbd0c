package org.openami.cloud.envelope;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * One party's public keys for one key id: what a peer needs to verify its signatures and to
 * agree a content key with it. Validated when constructed: the id is a party id, the key id is
 * 0..2^31-1, the signing key is a valid Ed25519 public key (on the curve, in the prime-order
 * subgroup) and the agreement key is an X25519 public key outside the small-order subgroup.
 * The arrays are copied in and out.
 *
 * @param id           the party: a concentrator id, or "cloud"
 * @param keyId        the key generation
 * @param signingKey   Ed25519 public key, 32 bytes (RFC 8032 encoding)
 * @param agreementKey X25519 public key, 32 bytes (RFC 7748 encoding)
 */
public record PublicNodeKeys(String id, int keyId, byte[] signingKey, byte[] agreementKey) {

    /** Any clamped scalar maps every small-order point to zero; this one only tests keys. */
    private static final byte[] PROBE_SCALAR = probeScalar();

    public PublicNodeKeys {
        EnvelopeFormat.requirePartyId(id, "id");
        EnvelopeFormat.requireKeyId(keyId, "keyId");
        Objects.requireNonNull(signingKey, "signingKey");
        Objects.requireNonNull(agreementKey, "agreementKey");
        if (signingKey.length != 32) {
            throw new IllegalArgumentException("signingKey: " + signingKey.length + " bytes, must be 32");
        }
        if (agreementKey.length != 32) {
            throw new IllegalArgumentException("agreementKey: " + agreementKey.length + " bytes, must be 32");
        }
        signingKey = signingKey.clone();
        agreementKey = agreementKey.clone();
        if (!Ed25519.validatePublicKeyFull(signingKey, 0)) {
            throw new IllegalArgumentException("signingKey: not a valid Ed25519 public key");
        }
        if (!X25519.calculateAgreement(PROBE_SCALAR, 0, agreementKey, 0, new byte[32], 0)) {
            throw new IllegalArgumentException("agreementKey: a small-order X25519 point");
        }
    }

    @Override
    public byte[] signingKey() {
        return signingKey.clone();
    }

    @Override
    public byte[] agreementKey() {
        return agreementKey.clone();
    }

    /** The signing key without a copy, for this package's hot paths. */
    byte[] signingKeyRef() {
        return signingKey;
    }

    /** The agreement key without a copy, for this package's hot paths. */
    byte[] agreementKeyRef() {
        return agreementKey;
    }

    /**
     * A short fingerprint for logs and key registration: the first 8 bytes of
     * SHA-256(signingKey || agreementKey), in hex.
     */
    public String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(signingKey);
            sha.update(agreementKey);
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicNodeKeys p && p.id.equals(id) && p.keyId == keyId
                && Arrays.equals(p.signingKey, signingKey) && Arrays.equals(p.agreementKey, agreementKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, keyId, Arrays.hashCode(signingKey), Arrays.hashCode(agreementKey));
    }

    @Override
    public String toString() {
        return "PublicNodeKeys[id=" + id + ", keyId=" + keyId + ", fingerprint=" + fingerprint() + "]";
    }

    private static byte[] probeScalar() {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) 0x5a);
        X25519.clampPrivateKey(k);
        return k;
    }
}
