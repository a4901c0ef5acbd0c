package org.openami.cloud.pki.cli;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** Human-readable lines about certificates, requests and keys, for {@code show} and after issuing. */
final class CertificateText {

    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":").withUpperCase();
    private static final String[] KEY_USAGES = {"digitalSignature", "nonRepudiation", "keyEncipherment",
        "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};

    private CertificateText() {
    }

    static List<String> describe(X509Certificate cert, Instant now) {
        List<String> lines = new ArrayList<>();
        lines.add("subject:     " + cert.getSubjectX500Principal().getName());
        lines.add("issuer:      " + cert.getIssuerX500Principal().getName());
        lines.add("serial:      " + cert.getSerialNumber().toString(16).toUpperCase());
        Instant from = cert.getNotBefore().toInstant();
        Instant to = cert.getNotAfter().toInstant();
        lines.add("valid:       " + from + " .. " + to + " (" + state(from, to, now) + ")");
        lines.add("key:         " + keyType(cert.getPublicKey()));
        int pathLen = cert.getBasicConstraints();
        lines.add("type:        " + (pathLen < 0 ? "end entity"
                : "CA" + (pathLen == Integer.MAX_VALUE ? "" : ", pathLen " + pathLen)));
        lines.add("key usage:   " + keyUsage(cert.getKeyUsage()));
        lines.add("ext. usage:  " + extendedKeyUsage(cert));
        lines.add("alt. names:  " + altNames(cert));
        lines.add("SHA-256:     " + fingerprint(cert));
        return lines;
    }

    static List<String> describe(PKCS10CertificationRequest csr) {
        List<String> lines = new ArrayList<>();
        lines.add("subject:     " + csr.getSubject());
        lines.add("key:         " + keyType(csr.getSubjectPublicKeyInfo()));
        String signature;
        try {
            signature = csr.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .build(new JcaPEMKeyConverter().getPublicKey(csr.getSubjectPublicKeyInfo())))
                    ? "valid" : "INVALID";
        } catch (Exception e) {
            signature = "cannot be checked (" + e.getClass().getSimpleName() + ")";
        }
        lines.add("signature:   " + signature);
        return lines;
    }

    static String fingerprint(X509Certificate cert) {
        try {
            return COLON_HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return "unavailable (" + e.getMessage() + ")";
        }
    }

    static String keyType(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength() + " bits";
        }
        return keyType(SubjectPublicKeyInfo.getInstance(key.getEncoded()));
    }

    static String keyType(SubjectPublicKeyInfo spki) {
        ASN1ObjectIdentifier alg = spki.getAlgorithm().getAlgorithm();
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(alg)) {
            if (spki.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve) {
                String name = ECNamedCurveTable.getName(curve);
                String nist = NISTNamedCurves.getName(curve);
                return "EC " + (nist != null ? nist + " (" + name + ")" : name != null ? name : curve.getId());
            }
            return "EC (explicit curve parameters)";
        }
        if (PKCSObjectIdentifiers.rsaEncryption.equals(alg)) {
            return "RSA";
        }
        return alg.getId();
    }

    private static String state(Instant from, Instant to, Instant now) {
        if (now.isBefore(from)) {
            return "NOT YET VALID";
        }
        if (!now.isBefore(to)) {
            return "EXPIRED";
        }
        return "valid, " + Duration.between(now, to).toDays() + " days left";
    }

    private static String keyUsage(boolean[] bits) {
        if (bits == null) {
            return "-";
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < bits.length && i < KEY_USAGES.length; i++) {
            if (bits[i]) {
                names.add(KEY_USAGES[i]);
            }
        }
        return names.isEmpty() ? "-" : String.join(", ", names);
    }

    private static String extendedKeyUsage(X509Certificate cert) {
        try {
            List<String> oids = cert.getExtendedKeyUsage();
            if (oids == null) {
                return "-";
            }
            List<String> names = new ArrayList<>();
            for (String oid : oids) {
                names.add(switch (oid) {
                    case "1.3.6.1.5.5.7.3.1" -> "serverAuth";
                    case "1.3.6.1.5.5.7.3.2" -> "clientAuth";
                    default -> oid;
                });
            }
            return String.join(", ", names);
        } catch (CertificateParsingException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }

    private static String altNames(X509Certificate cert) {
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans == null) {
                return "-";
            }
            List<String> names = new ArrayList<>();
            for (List<?> san : sans) {
                Object type = san.get(0);
                String prefix = Integer.valueOf(2).equals(type) ? "DNS:" : Integer.valueOf(7).equals(type) ? "IP:" : type + ":";
                names.add(prefix + san.get(1));
            }
            return String.join(", ", names);
        } catch (CertificateParsingException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }
}
