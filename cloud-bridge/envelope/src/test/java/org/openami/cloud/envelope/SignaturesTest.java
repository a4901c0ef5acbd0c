package org.openami.cloud.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.EdDSAParameterSpec;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.Ed25519phSigner;
import org.junit.jupiter.api.Test;

/**
 * {@link Signatures} is Ed25519ph with an empty context: Ed25519 signatures are deterministic,
 * so its signatures must equal, byte for byte, those of two independent implementations of
 * Ed25519ph (the JDK's Ed25519 with {@code EdDSAParameterSpec(true)} and Bouncy Castle's
 * {@link Ed25519phSigner}, both hashing the message themselves), for messages of every size class
 * up to a large envelope; and each must verify the other's.
 */
class SignaturesTest {

    private static final int[] SIZES = {0, 1, 63, 64, 127, 128, 129, 1000, 20 * 1024, 300_001};
    private static final byte[] SEED = Fixtures.bytes(0x40, 32);

    @Test
    void signaturesAreThoseOfTheJdksAndBouncyCastlesEd25519ph() throws Exception {
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(SEED, 0);
        Ed25519PublicKeyParameters pub = key.generatePublicKey();
        PrivateKey jdkKey = KeyFactory.getInstance("Ed25519")
                .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, SEED));
        Random random = new Random(7);
        for (int size : SIZES) {
            byte[] msg = new byte[size];
            random.nextBytes(msg);
            byte[] buf = Arrays.copyOf(msg, size + 64);
            Signatures.sign(key, buf, size);
            byte[] ours = Arrays.copyOfRange(buf, size, size + 64);
            assertThat(Arrays.copyOf(buf, size)).as("message untouched, size %d", size).isEqualTo(msg);

            Signature jdk = Signature.getInstance("Ed25519");
            jdk.setParameter(new EdDSAParameterSpec(true));
            jdk.initSign(jdkKey);
            jdk.update(msg);
            assertThat(ours).as("JDK Ed25519ph, size %d", size).isEqualTo(jdk.sign());

            Ed25519phSigner bc = new Ed25519phSigner(new byte[0]);
            bc.init(true, key);
            bc.update(msg, 0, size);
            assertThat(ours).as("BC Ed25519phSigner, size %d", size).isEqualTo(bc.generateSignature());

            assertThat(Signatures.verify(pub, buf, size)).as("verifies, size %d", size).isTrue();
        }
    }

    @Test
    void theSignatureIsNotPureEd25519() {
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(SEED, 0);
        byte[] buf = new byte[100 + 64];
        Arrays.fill(buf, 0, 100, (byte) 0x5a);
        Signatures.sign(key, buf, 100);
        Ed25519Signer pure = new Ed25519Signer();
        pure.init(false, key.generatePublicKey());
        pure.update(buf, 0, 100);
        assertThat(pure.verifySignature(Arrays.copyOfRange(buf, 100, 164))).isFalse();
    }

    @Test
    void anyChangedBitOrOtherKeyFailsVerification() {
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(SEED, 0);
        Ed25519PublicKeyParameters pub = key.generatePublicKey();
        Ed25519PublicKeyParameters other = new Ed25519PrivateKeyParameters(Fixtures.bytes(0x00, 32), 0)
                .generatePublicKey();
        byte[] buf = new byte[200 + 64];
        new Random(3).nextBytes(buf);
        Signatures.sign(key, buf, 200);
        assertThat(Signatures.verify(pub, buf, 200)).isTrue();
        assertThat(Signatures.verify(other, buf, 200)).isFalse();
        // a shorter prefix is another message
        byte[] shorter = Arrays.copyOfRange(buf, 1, buf.length);
        assertThat(Signatures.verify(pub, shorter, 199)).isFalse();
        for (int bit = 0; bit < buf.length * 8; bit++) {
            buf[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(Signatures.verify(pub, buf, 200)).as("bit %d flipped", bit).isFalse();
            buf[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        assertThat(Signatures.verify(pub, buf, 200)).isTrue();
    }

    @Test
    void threadsSignAndVerifyIndependently() throws Exception {
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(SEED, 0);
        Ed25519PublicKeyParameters pub = key.generatePublicKey();
        byte[] reference = new byte[5000 + 64];
        new Random(11).nextBytes(reference);
        Signatures.sign(key, reference, 5000);
        Thread[] threads = new Thread[4];
        boolean[] ok = new boolean[threads.length];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                boolean all = true;
                for (int i = 0; i < 50; i++) {
                    byte[] buf = Arrays.copyOf(reference, reference.length);
                    Arrays.fill(buf, 5000, buf.length, (byte) 0);
                    Signatures.sign(key, buf, 5000);
                    all &= Arrays.equals(buf, reference) && Signatures.verify(pub, buf, 5000);
                }
                ok[id] = all;
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(ok).containsOnly(true);
    }
}
