package org.openami.cloud.pki;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The checks every certificate request passes before the CA looks at its subject: the key is
 * an EC P-256 public key whose point lies on the curve, and the request's signature verifies
 * with that key (proof that the requester holds the private key).
 */
final class RequestChecks {

    private static final X9ECParameters P256 = ECNamedCurveTable.getByOID(SECObjectIdentifiers.secp256r1);

    private RequestChecks() {
    }

    /** @return the request's checked public key */
    static SubjectPublicKeyInfo check(PKCS10CertificationRequest csr) throws PkiException {
        SubjectPublicKeyInfo spki = csr.getSubjectPublicKeyInfo();
        checkP256(spki);
        boolean valid;
        try {
            // converted by Bouncy Castle's PEM key converter, which maps the key OID to the JCA name "EC"
            ContentVerifierProvider verifier = new JcaContentVerifierProviderBuilder()
                    .build(new JcaPEMKeyConverter().getPublicKey(spki));
            valid = csr.isSignatureValid(verifier);
        } catch (Exception e) {
            // OperatorCreationException, PKCSException, or a runtime failure on a malformed signature
            throw new PkiException("request signature: cannot be verified (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        if (!valid) {
            throw new PkiException("request signature: does not verify with the request's key (damaged or forged request)");
        }
        return spki;
    }

    private static void checkP256(SubjectPublicKeyInfo spki) throws PkiException {
        AlgorithmIdentifier alg = spki.getAlgorithm();
        ASN1ObjectIdentifier type = alg.getAlgorithm();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(type)) {
            throw new PkiException("request key: RSA; only EC P-256 keys are accepted");
        }
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(type)) {
            throw new PkiException("request key: algorithm " + type.getId() + "; only EC P-256 keys are accepted");
        }
        ASN1Encodable params = alg.getParameters();
        if (!(params instanceof ASN1ObjectIdentifier curve)) {
            throw new PkiException("request key: EC key without a named curve; only EC P-256 keys are accepted");
        }
        if (!SECObjectIdentifiers.secp256r1.equals(curve)) {
            String name = ECNamedCurveTable.getName(curve);
            throw new PkiException("request key: EC on curve " + (name != null ? name : curve.getId())
                    + "; only EC P-256 keys are accepted");
        }
        try {
            P256.getCurve().decodePoint(spki.getPublicKeyData().getOctets());
        } catch (RuntimeException e) {
            throw new PkiException("request key: not a valid P-256 point (" + e.getMessage() + ")");
        }
    }
}
