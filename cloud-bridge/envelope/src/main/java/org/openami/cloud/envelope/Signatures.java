package org.openami.cloud.envelope;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Ed25519 (pure, RFC 8032) signatures over a prefix of a buffer, through Bouncy Castle. */
final class Signatures {

    private Signatures() {
    }

    /** Signs {@code buf[0, len)} and writes the 64-byte signature at {@code buf[len]}. */
    static void sign(Ed25519PrivateKeyParameters key, byte[] buf, int len) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(buf, 0, len);
        byte[] sig = signer.generateSignature();
        System.arraycopy(sig, 0, buf, len, sig.length);
    }

    /** Whether {@code buf[len, len+64)} is a valid signature of {@code buf[0, len)}. */
    static boolean verify(Ed25519PublicKeyParameters key, byte[] buf, int len) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        verifier.update(buf, 0, len);
        byte[] sig = new byte[EnvelopeFormat.SIGNATURE_BYTES];
        System.arraycopy(buf, len, sig, 0, sig.length);
        return verifier.verifySignature(sig);
    }
}
