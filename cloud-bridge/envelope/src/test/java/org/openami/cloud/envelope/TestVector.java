package org.openami.cloud.envelope;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.openami.cloud.message.MessageCodec;
import org.openami.cloud.message.MessageType;

/**
 * The envelope test vector of docs/envelope.md, with its intermediate values: conc-0001 (key id
 * 1) seals the two-reading {@link Fixtures#vectorTelemetry()} for the cloud (key id 7) with
 * sequence 42 at 2026-01-01T00:00:00Z and nonce 00..0b. Run {@link #main} to print it.
 */
public final class TestVector {

    private TestVector() {
    }

    /** Name to lower-case hex, in the order the document lists them. */
    public static Map<String, String> values() {
        HexFormat hex = HexFormat.of();
        NodeKeys conc = Fixtures.conc();
        NodeKeys cloud = Fixtures.cloud();
        Map<String, String> v = new LinkedHashMap<>();
        v.put("cloud Ed25519 private seed", hex.formatHex(Fixtures.bytes(0x00, 32)));
        v.put("cloud X25519 private key", hex.formatHex(Fixtures.bytes(0x20, 32)));
        v.put("cloud Ed25519 public key", hex.formatHex(cloud.publicKeys().signingKey()));
        v.put("cloud X25519 public key", hex.formatHex(cloud.publicKeys().agreementKey()));
        v.put("conc-0001 Ed25519 private seed", hex.formatHex(Fixtures.bytes(0x40, 32)));
        v.put("conc-0001 X25519 private key", hex.formatHex(Fixtures.bytes(0x60, 32)));
        v.put("conc-0001 Ed25519 public key", hex.formatHex(conc.publicKeys().signingKey()));
        v.put("conc-0001 X25519 public key", hex.formatHex(conc.publicKeys().agreementKey()));
        byte[] shared = new byte[32];
        X25519Agreement agreement = new X25519Agreement();
        agreement.init(conc.agreementKey());
        agreement.calculateAgreement(new X25519PublicKeyParameters(cloud.publicKeys().agreementKey(), 0), shared, 0);
        v.put("X25519 shared secret", hex.formatHex(shared));
        v.put("HKDF salt", hex.formatHex(ContentKeys.SALT));
        v.put("HKDF info", hex.formatHex(ContentKeys.info(true, Fixtures.CONC, 1, 7)));
        v.put("content key", hex.formatHex(ContentKeys.derive(conc, cloud.publicKeys(), true, Fixtures.CONC, 1, 7)
                .getEncoded()));
        byte[] body = MessageCodec.encode(Fixtures.vectorTelemetry());
        v.put("body (CBOR)", hex.formatHex(body));
        v.put("nonce", hex.formatHex(Fixtures.NONCE));
        byte[] env = envelope();
        int headerLength = EnvelopeLayout.headerLength(Fixtures.CONC.length());
        v.put("header (AAD)", hex.formatHex(env, 0, headerLength));
        v.put("ciphertext length", hex.formatHex(env, headerLength, headerLength + 4));
        v.put("ciphertext and tag", hex.formatHex(env, headerLength + 4, env.length - 64));
        v.put("SHA-512 pre-hash", hex.formatHex(Signatures.prehash(env, env.length - 64)));
        v.put("signature", hex.formatHex(env, env.length - 64, env.length));
        v.put("envelope", hex.formatHex(env));
        return v;
    }

    /** The vector envelope. */
    public static byte[] envelope() {
        return Fixtures.uplinkSealer().seal(MessageType.TELEMETRY, 42, Fixtures.T0,
                MessageCodec.encode(Fixtures.vectorTelemetry()), Fixtures.NONCE);
    }

    public static void main(String[] args) {
        values().forEach((k, val) -> System.out.println(k + ":\n  " + val));
    }
}
