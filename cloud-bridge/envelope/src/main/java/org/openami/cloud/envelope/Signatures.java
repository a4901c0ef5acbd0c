package org.openami.cloud.envelope;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519ph signatures (RFC 8032 section 5.1, pre-hashed, empty context) over a prefix of a
 * buffer. The pre-hash PH(M) = SHA-512(M) is computed by the JDK's {@code MessageDigest}
 * ("SHA-512", on the CPU's SHA instructions where HotSpot has them), the signature over the
 * 64-byte pre-hash by Bouncy Castle's RFC 8032 code. Pure Ed25519 would hash the whole message
 * twice with Bouncy Castle's portable SHA-512; see docs/envelope.md for the measurements. One
 * MessageDigest per thread.
 */
final class Signatures {

    /** The Ed25519ph context: empty (RFC 8032 dom2(1, "")). */
    private static final byte[] CONTEXT = new byte[0];
    private static final ThreadLocal<MessageDigest> SHA512 = ThreadLocal.withInitial(Signatures::newDigest);

    private Signatures() {
    }

    /** Signs {@code buf[0, len)} and writes the 64-byte signature at {@code buf[len]}. */
    static void sign(Ed25519PrivateKeyParameters key, byte[] buf, int len) {
        byte[] ph = prehash(buf, len);
        key.sign(Ed25519.Algorithm.Ed25519ph, CONTEXT, ph, 0, ph.length, buf, len);
    }

    /** Whether {@code buf[len, len+64)} is a valid signature of {@code buf[0, len)}. */
    static boolean verify(Ed25519PublicKeyParameters key, byte[] buf, int len) {
        byte[] ph = prehash(buf, len);
        return key.verify(Ed25519.Algorithm.Ed25519ph, CONTEXT, ph, 0, ph.length, buf, len);
    }

    /** PH(M) = SHA-512 of {@code buf[0, len)}, 64 bytes. */
    static byte[] prehash(byte[] buf, int len) {
        MessageDigest sha = SHA512.get();
        sha.reset();
        sha.update(buf, 0, len);
        return sha.digest();
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is missing from the JDK", e);
        }
    }
}
