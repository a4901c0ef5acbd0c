package org.openami.cloud.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Objects;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Key pairs and certificate signing requests, made where the key will live (on the
 * concentrator, or on the broker host): the private key never has to travel, only the CSR.
 * Keys are EC P-256 from the platform's default provider; CSRs are signed with SHA256withECDSA
 * and carry the subject {@code CN=<id>} alone, id being 1..64 characters of
 * {@code [A-Za-z0-9._-]}. The CSR requests no extensions: the CA decides them.
 */
public final class CertificateRequests {

    /** The signature algorithm of requests and of the certificates the project CA signs. */
    public static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateRequests() {
    }

    /** @return a new EC P-256 (secp256r1) key pair */
    public static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot generate EC P-256 keys", e);
        }
    }

    /**
     * @param keys       the key pair whose public half is certified; the private half signs the request
     * @param commonName the id: 1..64 characters of {@code [A-Za-z0-9._-]}
     * @return the signed request
     * @throws PkiException the id breaks the syntax, or the key cannot sign with ECDSA
     */
    public static PKCS10CertificationRequest create(KeyPair keys, String commonName) throws PkiException {
        Objects.requireNonNull(keys, "keys");
        SubjectNames.checkId(commonName, "common name");
        try {
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(keys.getPrivate());
            return new JcaPKCS10CertificationRequestBuilder(SubjectNames.commonNameOnly(commonName), keys.getPublic())
                    .build(signer);
        } catch (OperatorCreationException | RuntimeException e) {
            throw new PkiException("key pair: cannot sign a request with " + SIGNATURE_ALGORITHM
                    + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    /** @return whether {@code id} is 1..64 characters of {@code [A-Za-z0-9._-]} (and not "." or "..") */
    public static boolean isValidId(String id) {
        return SubjectNames.isValidId(id);
    }
}
