package org.openami.cloud.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The project's certificate authority: an EC P-256 key and a self-signed certificate
 * (basicConstraints CA with pathLen 0, keyUsage keyCertSign and cRLSign) kept in one directory as
 * {@value #KEY_FILE} (mode 600) and {@value #CERTIFICATE_FILE}.
 *
 * <p>It issues end-entity certificates from PKCS#10 requests, never seeing the subject's private
 * key: client certificates for concentrators ({@link #issueClient}) and server certificates for
 * brokers ({@link #issueServer}). A request is refused with a {@link PkiException} unless its
 * signature verifies, its key is EC P-256, and its subject is exactly {@code CN=<id>} with id
 * 1..64 characters of {@code [A-Za-z0-9._-]}. Extensions the request asks for are ignored: the CA
 * sets basicConstraints CA=false, keyUsage digitalSignature, the extended key usage, key
 * identifiers and (servers) the subject alternative names. Serials are random positive 128-bit
 * integers. A certificate is valid from the clock's now minus {@link #CLOCK_SKEW} (devices whose
 * clocks lag a little still accept it) for the requested validity, capped at the CA's own expiry.
 *
 * <p>An instance is immutable and may issue from several threads. It holds the CA private key in
 * memory: keep it only as long as needed, and keep the directory offline (see docs/certificates.md).
 */
public final class ProjectCa {

    /** The CA private key's file name in the CA directory. */
    public static final String KEY_FILE = "ca.key.pem";
    /** The CA certificate's file name in the CA directory (and next to issued certificates). */
    public static final String CERTIFICATE_FILE = "ca.crt.pem";
    /** How far before "now" certificates start being valid. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** The longest validity accepted for anything (100 years). */
    public static final Duration MAX_VALIDITY = Duration.ofDays(36_500);
    /** The most subject alternative names in one server certificate. */
    public static final int MAX_SANS = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final X500Name subject;
    private final Clock clock;

    private ProjectCa(PrivateKey key, X509Certificate certificate, Clock clock) throws PkiException {
        this.key = key;
        this.certificate = certificate;
        this.clock = clock;
        try {
            this.subject = new JcaX509CertificateHolder(certificate).getSubject();
        } catch (GeneralSecurityException e) {
            throw new PkiException("CA certificate: cannot be decoded (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Creates a new CA in {@code dir} (created with mode 700 if missing).
     *
     * @param dir      the CA directory; must not hold {@value #KEY_FILE} or {@value #CERTIFICATE_FILE} yet
     * @param name     the CA's common name, 1..64 printable characters, e.g. "OpenAMI project CA"
     * @param validity how long the CA certificate is valid, positive, at most {@link #MAX_VALIDITY}
     * @param clock    the time source for validity and later issuance
     * @throws PkiException a CA exists already, a bad name or validity, or the files cannot be written
     */
    public static ProjectCa create(Path dir, String name, Duration validity, Clock clock) throws PkiException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(clock, "clock");
        checkCaName(name);
        checkValidity(validity, "CA validity");
        Path keyFile = dir.resolve(KEY_FILE);
        Path certFile = dir.resolve(CERTIFICATE_FILE);
        for (Path f : List.of(keyFile, certFile)) {
            if (Files.exists(f)) {
                throw new PkiException(f + ": a CA exists already in " + dir + "; not overwritten");
            }
        }
        createPrivateDirectory(dir);

        KeyPair keys = CertificateRequests.generateKeyPair();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        X500Name caName = SubjectNames.commonNameOnly(name);
        X509Certificate cert;
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now.minus(CLOCK_SKEW)),
                    Date.from(now.plus(validity)), caName, keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(keys.getPublic()));
            cert = sign(b, keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new PkiException("CA certificate: cannot be built (" + e.getMessage() + ")", e);
        }
        PemFiles.createPrivateKey(keyFile, keys.getPrivate());
        try {
            PemFiles.createCertificate(certFile, cert);
        } catch (PkiException e) {
            try {
                Files.deleteIfExists(keyFile);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return new ProjectCa(keys.getPrivate(), cert, clock);
    }

    /**
     * Loads the CA of {@code dir}, checking that the certificate is a CA certificate and that the
     * key belongs to it.
     *
     * @throws PkiException a file is missing or damaged, or key and certificate do not match
     */
    public static ProjectCa load(Path dir, Clock clock) throws PkiException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(clock, "clock");
        Path keyFile = dir.resolve(KEY_FILE);
        Path certFile = dir.resolve(CERTIFICATE_FILE);
        X509Certificate cert = PemFiles.readCertificate(certFile);
        if (cert.getBasicConstraints() < 0) {
            throw new PkiException(certFile + ": not a CA certificate (basicConstraints CA is not set)");
        }
        PrivateKey key = PemFiles.readPrivateKey(keyFile);
        if (!"EC".equals(key.getAlgorithm())) {
            throw new PkiException(keyFile + ": a " + key.getAlgorithm() + " key; the project CA uses EC P-256");
        }
        KeyMatch.check(key, cert, keyFile, certFile);
        return new ProjectCa(key, cert, clock);
    }

    /** @return the CA certificate, the trust anchor of brokers and concentrators */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Issues a concentrator's client certificate (extended key usage clientAuth).
     *
     * @param csr      the request made on the concentrator
     * @param validity positive; capped at the CA's own expiry
     * @throws PkiException the request is refused (reason in the message) or the CA has expired
     */
    public X509Certificate issueClient(PKCS10CertificationRequest csr, Duration validity) throws PkiException {
        return issue(csr, validity, KeyPurposeId.id_kp_clientAuth, null);
    }

    /**
     * Issues a broker's server certificate (extended key usage serverAuth) for the given names.
     * Clients check that the host name they connect to is one of these SANs.
     *
     * @param csr         the request made on the broker host
     * @param dnsNames    DNS names (letters, digits, hyphens; dot-separated labels; no wildcards)
     * @param ipAddresses IPv4 or IPv6 literals
     * @param validity    positive; capped at the CA's own expiry
     * @throws PkiException the request is refused, no SAN or a malformed one is given, or the CA has expired
     */
    public X509Certificate issueServer(PKCS10CertificationRequest csr, List<String> dnsNames, List<String> ipAddresses,
            Duration validity) throws PkiException {
        GeneralNames sans = SubjectAltNames.build(dnsNames == null ? List.of() : dnsNames,
                ipAddresses == null ? List.of() : ipAddresses, MAX_SANS);
        return issue(csr, validity, KeyPurposeId.id_kp_serverAuth, sans);
    }

    @Override
    public String toString() {
        return "ProjectCa[" + certificate.getSubjectX500Principal().getName() + "]";
    }

    // ---------------------------------------------------------------------------------------

    private X509Certificate issue(PKCS10CertificationRequest csr, Duration validity, KeyPurposeId purpose,
            GeneralNames sans) throws PkiException {
        Objects.requireNonNull(csr, "csr");
        checkValidity(validity, "validity");
        SubjectPublicKeyInfo spki = RequestChecks.check(csr);
        String cn = SubjectNames.soleCommonName(csr.getSubject(), "request subject");
        SubjectNames.checkId(cn, "request CN");

        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant caEnd = certificate.getNotAfter().toInstant();
        if (!now.isBefore(caEnd)) {
            throw new PkiException("CA certificate: expired on " + caEnd + "; create a new CA");
        }
        Instant end = now.plus(validity);
        if (end.isAfter(caEnd)) {
            end = caEnd;
        }
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(subject, serial(), Date.from(now.minus(CLOCK_SKEW)),
                    Date.from(end), SubjectNames.commonNameOnly(cn), spki);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(spki));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            if (sans != null) {
                b.addExtension(Extension.subjectAlternativeName, false, sans);
            }
            X509Certificate issued = sign(b, key);
            issued.verify(certificate.getPublicKey());
            return issued;
        } catch (GeneralSecurityException | CertIOException e) {
            throw new PkiException("certificate for CN=" + cn + ": cannot be built (" + e.getMessage() + ")", e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey)
            throws GeneralSecurityException {
        try {
            X509CertificateHolder holder = builder.build(
                    new JcaContentSignerBuilder(CertificateRequests.SIGNATURE_ALGORITHM).build(signingKey));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with " + CertificateRequests.SIGNATURE_ALGORITHM, e);
        }
    }

    /** A random positive serial of exactly 128 bits (127 of them random). */
    private static BigInteger serial() {
        return new BigInteger(128, RANDOM).setBit(127);
    }

    private static void checkCaName(String name) throws PkiException {
        if (name == null || name.isBlank()) {
            throw new PkiException("CA name: empty");
        }
        if (name.length() > SubjectNames.MAX_ID_LENGTH) {
            throw new PkiException("CA name: longer than " + SubjectNames.MAX_ID_LENGTH + " characters");
        }
        if (!name.equals(SubjectNames.printable(name)) || !name.strip().equals(name)) {
            throw new PkiException("CA name: '" + SubjectNames.printable(name)
                    + "' has control characters or leading/trailing spaces");
        }
    }

    private static void checkValidity(Duration validity, String field) throws PkiException {
        Objects.requireNonNull(validity, field);
        if (validity.isNegative() || validity.isZero()) {
            throw new PkiException(field + ": must be positive, was " + validity);
        }
        if (validity.compareTo(MAX_VALIDITY) > 0) {
            throw new PkiException(field + ": longer than " + MAX_VALIDITY.toDays() + " days");
        }
    }

    private static void createPrivateDirectory(Path dir) throws PkiException {
        try {
            if (!Files.isDirectory(dir)) {
                if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
        } catch (IOException e) {
            throw new PkiException(dir + ": cannot create the CA directory (" + e + ")", e);
        }
    }
}
