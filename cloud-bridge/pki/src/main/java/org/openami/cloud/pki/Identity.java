package org.openami.cloud.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * One TLS identity kept as three PEM files in a folder: {@code <dir>/<name>.key.pem} (the private
 * key, mode 600), {@code <dir>/<name>.crt.pem} (the certificate, or its chain leaf first) and
 * {@code <dir>/ca.crt.pem} (the CA to trust). This is the layout {@code ami pki request} and
 * {@code ami pki issue} produce on a concentrator, and {@code ami pki server} for a broker.
 *
 * <p>{@link #load} checks the name, that all three files exist (naming the missing ones), that
 * the key belongs to the certificate, and that the certificate was signed by the CA. It does
 * not refuse an expired certificate (the peer will): see {@link #notAfter()}. Immutable.
 */
public final class Identity {

    /** Suffix of the key file after the identity's name. */
    public static final String KEY_SUFFIX = ".key.pem";
    /** Suffix of the certificate file after the identity's name. */
    public static final String CERTIFICATE_SUFFIX = ".crt.pem";
    /** The CA certificate's file name. */
    public static final String CA_FILE = ProjectCa.CERTIFICATE_FILE;

    private final String name;
    private final Path directory;
    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;
    private final X509Certificate ca;

    private Identity(String name, Path directory, PrivateKey privateKey, List<X509Certificate> chain, X509Certificate ca) {
        this.name = name;
        this.directory = directory;
        this.privateKey = privateKey;
        this.chain = List.copyOf(chain);
        this.ca = ca;
    }

    /**
     * @param dir  the folder holding the three files
     * @param name the identity's name (its id: 1..64 characters of {@code [A-Za-z0-9._-]})
     * @throws PkiException a bad name, missing files (named), damaged files, or files that do not belong together
     */
    public static Identity load(Path dir, String name) throws PkiException {
        Objects.requireNonNull(dir, "dir");
        SubjectNames.checkId(name, "identity name");
        Path keyFile = dir.resolve(name + KEY_SUFFIX);
        Path certFile = dir.resolve(name + CERTIFICATE_SUFFIX);
        Path caFile = dir.resolve(CA_FILE);
        List<String> missing = new ArrayList<>();
        for (Path f : List.of(keyFile, certFile, caFile)) {
            if (!Files.isRegularFile(f)) {
                missing.add(f.toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new PkiException("identity '" + name + "': missing " + String.join(", ", missing));
        }
        PrivateKey key = PemFiles.readPrivateKey(keyFile);
        List<X509Certificate> chain = PemFiles.readCertificates(certFile);
        X509Certificate ca = PemFiles.readCertificate(caFile);
        KeyMatch.check(key, chain.get(0), keyFile, certFile);
        X509Certificate top = chain.get(chain.size() - 1);
        try {
            top.verify(ca.getPublicKey());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new PkiException(certFile + ": not issued by the CA in " + caFile);
        }
        return new Identity(name, dir, key, chain, ca);
    }

    /** @return a TLS 1.3 mutual-authentication context for this identity (see {@link TlsContexts}) */
    public SSLContext sslContext() throws PkiException {
        return TlsContexts.mutualTls(privateKey, chain, ca);
    }

    /** @return the identity's name, as in its file names */
    public String name() {
        return name;
    }

    /** @return the folder of the files */
    public Path directory() {
        return directory;
    }

    /** @return {@code <dir>/<name>.key.pem} */
    public Path keyFile() {
        return directory.resolve(name + KEY_SUFFIX);
    }

    /** @return {@code <dir>/<name>.crt.pem} */
    public Path certificateFile() {
        return directory.resolve(name + CERTIFICATE_SUFFIX);
    }

    /** @return {@code <dir>/ca.crt.pem} */
    public Path caFile() {
        return directory.resolve(CA_FILE);
    }

    /** @return the private key (never log it) */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** @return the certificate chain, this identity's certificate first */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** @return this identity's own certificate */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** @return the trusted CA certificate */
    public X509Certificate caCertificate() {
        return ca;
    }

    /** @return the certificate subject's CN (for a concentrator, its id) */
    public String commonName() {
        return TlsContexts.commonName(certificate());
    }

    /** @return when this identity's certificate expires: renew before */
    public Instant notAfter() {
        return certificate().getNotAfter().toInstant();
    }

    @Override
    public String toString() {
        return "Identity[" + name + " in " + directory + "]";
    }
}
