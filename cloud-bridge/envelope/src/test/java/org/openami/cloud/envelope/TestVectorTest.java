package org.openami.cloud.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdDSAParameterSpec;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.openami.cloud.message.MessageType;

/**
 * The test vector of docs/envelope.md, checked twice: byte for byte against the sealer, and
 * opened from the specification alone with the JDK's own Ed25519ph, X25519, HMAC and AES-GCM (no
 * Bouncy Castle, none of this module's code), so the document is enough to implement a peer.
 */
class TestVectorTest {

    static final String ENVELOPE = "414d494501010009636f6e632d303030310000000100000007000000000000002a0000019b76daa8"
            + "00000102030405060708090a0b000000adbb773da471eda16847ce27562e137828882ffd30eba56bc7a0dbe54bc8978bc3674638"
            + "6218832c48c8120fc1d806455784f21e0cb17c0824b1de3c00b891ff3f89084ba231f27491763c5cb3e85f2a1d95df4e589f1a7d"
            + "85340e7404f2eddab2685facd5867e969743eede32e38a1294a532f76579263d829a58de18ef51b3da0db206cdfe62c12e9b2717"
            + "33df0d3fdd9157ccfa3ff3f96f698615c69f6df0f9fd2875be329c351189276873114fbc39514c7621f3e6807f5814895a080f4e"
            + "b6bc263ef6b009506863277bc7cccaa24a28a50d5258f3b7bd89297361f416b3594421898a73716046916ca7b50f";
    static final String BODY = "8287016c3030303030303030303030316c4441494c595f465245455a45781b454e455247595f464f52"
            + "574152445f4143544956455f544f54414c1b0000019b71b44c001a00bc614e1b0000019b76dabb8887016c3030303030303030"
            + "303030316c4441494c595f465245455a45781b454e455247595f524556455253455f4143544956455f544f54414c1b0000019b"
            + "71b44c00001b0000019b76dabb88";
    static final String CONC_ED25519_PUBLIC = "2543b92ff1095511476adc8369db6ddc933665a11978dda1404ee1066ca9559d";
    static final String CLOUD_X25519_PUBLIC = "358072d6365880d1aeea329adf9121383851ed21a28e3b75e965d0d2cd166254";
    static final String PREHASH = "b76377b1e51eab23ad80aec94054668cab34d668a2a394b9764e334bcedf2ecd"
            + "2b991c677bf1d426c415709ec6d58c91d046c7afbb383ece0d5fe686a704c09f";
    static final String CONTENT_KEY = "296f37fb6a535bc9687519d0875aa31d5bd1ebdf6f81fe1c84c8c8f4bb745165";

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void theSealerProducesTheVector() {
        assertThat(HEX.formatHex(TestVector.envelope())).isEqualTo(ENVELOPE);
        assertThat(TestVector.values())
                .containsEntry("body (CBOR)", BODY)
                .containsEntry("conc-0001 Ed25519 public key", CONC_ED25519_PUBLIC)
                .containsEntry("cloud X25519 public key", CLOUD_X25519_PUBLIC)
                .containsEntry("HKDF info", "757000636f6e632d30303031000000000100000007")
                .containsEntry("content key", CONTENT_KEY)
                .containsEntry("SHA-512 pre-hash", PREHASH);
    }

    @Test
    void theOpenerOpensTheVector() throws EnvelopeException {
        OpenedEnvelope o = Fixtures.opener(Fixtures.cloudKeys(), Fixtures.T0).open(HEX.parseHex(ENVELOPE));
        assertThat(o.header()).isEqualTo(new EnvelopeHeader(1, MessageType.TELEMETRY, "conc-0001", 1, 7, 42, Fixtures.T0));
        assertThat(HEX.formatHex(o.body())).isEqualTo(BODY);
        assertThat(o.message()).isEqualTo(Fixtures.vectorTelemetry());
    }

    @Test
    void theSpecificationAloneOpensTheVector() throws Exception {
        byte[] env = HEX.parseHex(ENVELOPE);
        ByteBuffer b = ByteBuffer.wrap(env);
        // header
        assertThat(new String(env, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("AMIE");
        assertThat(env[4]).isEqualTo((byte) 1);
        assertThat(env[5]).isEqualTo((byte) 1);
        assertThat(env[6]).isEqualTo((byte) 0);
        int idLength = env[7];
        String id = new String(env, 8, idLength, StandardCharsets.US_ASCII);
        int p = 8 + idLength;
        int senderKeyId = b.getInt(p);
        int recipientKeyId = b.getInt(p + 4);
        assertThat(b.getLong(p + 8)).isEqualTo(42);
        assertThat(b.getLong(p + 16)).isEqualTo(Fixtures.T0);
        int nonceOffset = p + 24;
        int headerLength = nonceOffset + 12;
        int ctLength = b.getInt(headerLength);
        int ctOffset = headerLength + 4;
        assertThat(ctOffset + ctLength + 64).isEqualTo(env.length);

        // signature: Ed25519ph with an empty context (RFC 8032 5.1) over the SHA-512 pre-hash, with
        // the JDK's Ed25519 in pre-hash mode, which is fed the message and hashes it itself
        int signed = ctOffset + ctLength;
        byte[] signature = Arrays.copyOfRange(env, signed, env.length);
        assertThat(HEX.formatHex(MessageDigest.getInstance("SHA-512").digest(Arrays.copyOf(env, signed))))
                .isEqualTo(PREHASH);
        PublicKey concKey = ed25519PublicKey(HEX.parseHex(CONC_ED25519_PUBLIC));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.setParameter(new EdDSAParameterSpec(true));
        verifier.initVerify(concKey);
        verifier.update(env, 0, signed);
        assertThat(verifier.verify(signature)).isTrue();
        // it is not a pure Ed25519 signature of the same bytes, nor Ed25519ph of other bytes
        Signature pure = Signature.getInstance("Ed25519");
        pure.initVerify(concKey);
        pure.update(env, 0, signed);
        assertThat(pure.verify(signature)).isFalse();
        verifier.initVerify(concKey);
        verifier.update(env, 0, signed - 1);
        assertThat(verifier.verify(signature)).isFalse();

        // content key, with the JDK's X25519 and HMAC-SHA256 (HKDF, RFC 5869)
        KeyAgreement xdh = KeyAgreement.getInstance("X25519");
        KeyFactory xf = KeyFactory.getInstance("X25519");
        xdh.init(xf.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, Fixtures.bytes(0x20, 32))));
        xdh.doPhase(x25519PublicKey(TestVector.values().get("conc-0001 X25519 public key")), true);
        byte[] shared = xdh.generateSecret();
        ByteBuffer info = ByteBuffer.allocate(2 + 1 + idLength + 1 + 8);
        info.put("up".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put(id.getBytes(StandardCharsets.US_ASCII))
                .put((byte) 0).putInt(senderKeyId).putInt(recipientKeyId);
        byte[] key = hkdfSha256(shared, "openami-envelope-v1".getBytes(StandardCharsets.US_ASCII), info.array());
        assertThat(HEX.formatHex(key)).isEqualTo(CONTENT_KEY);

        // body, with AES-256-GCM and the header as additional data
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, env, nonceOffset, 12));
        gcm.updateAAD(env, 0, headerLength);
        assertThat(HEX.formatHex(gcm.doFinal(env, ctOffset, ctLength))).isEqualTo(BODY);
    }

    private static PublicKey ed25519PublicKey(byte[] raw) throws Exception {
        byte[] le = raw.clone();
        boolean xOdd = (le[31] & 0x80) != 0;
        le[31] &= 0x7f;
        BigInteger y = new BigInteger(1, reverse(le));
        return KeyFactory.getInstance("Ed25519")
                .generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, new EdECPoint(xOdd, y)));
    }

    private static PublicKey x25519PublicKey(String hex) throws Exception {
        byte[] le = HEX.parseHex(hex);
        le[31] &= 0x7f;
        return KeyFactory.getInstance("X25519")
                .generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, reverse(le))));
    }

    private static byte[] hkdfSha256(byte[] ikm, byte[] salt, byte[] info) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(info);
        mac.update((byte) 1);
        return mac.doFinal(); // one block: 32 bytes
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }
}
