package org.openami.cloud.pki;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;

/**
 * Whether a private key belongs to a certificate: a signature made with the key over random
 * bytes must verify with the certificate's public key. Catches a key file and a certificate
 * file that were mixed up before they fail a TLS handshake with a less helpful message.
 */
final class KeyMatch {

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyMatch() {
    }

    /** @throws PkiException naming both files when the key does not belong to the certificate */
    static void check(PrivateKey key, X509Certificate cert, Path keyFile, Path certFile) throws PkiException {
        check(key, cert, keyFile.toString(), certFile.toString());
    }

    /** @throws PkiException naming both sources when the key does not belong to the certificate */
    static void check(PrivateKey key, X509Certificate cert, String keySource, String certSource) throws PkiException {
        String alg = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new PkiException(keySource + ": unsupported key type " + key.getAlgorithm());
        };
        byte[] probe = new byte[32];
        RANDOM.nextBytes(probe);
        boolean ok;
        try {
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(cert.getPublicKey());
            v.update(probe);
            ok = v.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            ok = false;
        }
        if (!ok) {
            throw new PkiException(keySource + ": does not belong to the certificate in " + certSource);
        }
    }
}
