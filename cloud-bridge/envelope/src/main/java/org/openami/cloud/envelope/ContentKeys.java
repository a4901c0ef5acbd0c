package org.openami.cloud.envelope;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * Derives the AES-256 content key of one direction between the cloud and one concentrator:
 * HKDF-SHA256(ikm = X25519(own agreement private, peer agreement public),
 * salt = "openami-envelope-v1", info = direction || 0x00 || concentratorId || 0x00 ||
 * concentratorKeyId u32 || cloudKeyId u32), 32 bytes. A cache keeps each derived key, keyed by
 * everything that went into it (both agreement public keys included), so a replaced key can
 * never be served from the cache. Thread-safe.
 */
final class ContentKeys {

    static final byte[] SALT = "openami-envelope-v1".getBytes(StandardCharsets.US_ASCII);
    /** Past this many entries the cache starts over (a cloud with more live pairs re-derives more often). */
    private static final int MAX_CACHED = 100_000;

    private final Map<CacheKey, SecretKeySpec> cache = new ConcurrentHashMap<>();

    private record CacheKey(boolean uplink, String concentratorId, int concentratorKeyId, int cloudKeyId,
                            ByteBuffer ownAgreementPublic, ByteBuffer peerAgreementPublic) {
    }

    /** The content key for this pair and direction, derived once. */
    SecretKeySpec get(NodeKeys own, PublicNodeKeys peer, boolean uplink, String concentratorId,
                      int concentratorKeyId, int cloudKeyId) {
        CacheKey key = new CacheKey(uplink, concentratorId, concentratorKeyId, cloudKeyId,
                ByteBuffer.wrap(own.publicKeys().agreementKeyRef()), ByteBuffer.wrap(peer.agreementKeyRef()));
        SecretKeySpec spec = cache.get(key);
        if (spec == null) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            spec = cache.computeIfAbsent(key, k -> derive(own, peer, uplink, concentratorId, concentratorKeyId, cloudKeyId));
        }
        return spec;
    }

    /** Derives a content key (no cache). */
    static SecretKeySpec derive(NodeKeys own, PublicNodeKeys peer, boolean uplink, String concentratorId,
                                int concentratorKeyId, int cloudKeyId) {
        byte[] shared = new byte[32];
        byte[] key = new byte[32];
        try {
            X25519Agreement agreement = new X25519Agreement();
            agreement.init(own.agreementKey());
            agreement.calculateAgreement(new X25519PublicKeyParameters(peer.agreementKeyRef(), 0), shared, 0);
            HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
            hkdf.init(new HKDFParameters(shared, SALT, info(uplink, concentratorId, concentratorKeyId, cloudKeyId)));
            hkdf.generateBytes(key, 0, key.length);
            return new SecretKeySpec(key, "AES");
        } finally {
            Arrays.fill(shared, (byte) 0);
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The HKDF info: direction || 0x00 || concentratorId || 0x00 || concentratorKeyId u32 || cloudKeyId u32. */
    static byte[] info(boolean uplink, String concentratorId, int concentratorKeyId, int cloudKeyId) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(80);
        b.writeBytes((uplink ? "up" : "down").getBytes(StandardCharsets.US_ASCII));
        b.write(0);
        b.writeBytes(concentratorId.getBytes(StandardCharsets.US_ASCII));
        b.write(0);
        b.writeBytes(ByteBuffer.allocate(8).putInt(concentratorKeyId).putInt(cloudKeyId).array());
        return b.toByteArray();
    }
}
