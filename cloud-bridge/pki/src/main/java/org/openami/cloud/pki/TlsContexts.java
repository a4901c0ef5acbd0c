package org.openami.cloud.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * TLS 1.3 contexts for mutual X.509 authentication between concentrators and the broker, and
 * PKCS#12 key and trust stores for brokers configured with keystore files.
 *
 * <p>A context from {@link #mutualTls} presents the given chain with its key, trusts exactly one
 * CA (not the JVM's default trust store), and creates sockets and engines that speak TLS 1.3 only.
 * Its server sockets require a client certificate. Its client sockets check the server's host
 * name against the certificate's subject alternative names (endpoint identification "HTTPS"):
 * connect by a DNS name or IP address that the broker certificate lists. Engines
 * ({@code createSSLEngine}) get TLS 1.3 only; the caller sets client mode, {@code needClientAuth}
 * (server side) or endpoint identification (client side) through {@code SSLParameters}.
 * MQTT clients that set their own socket parameters (Eclipse Paho: keep
 * {@code httpsHostnameVerificationEnabled} on, its default) should keep host name checking on.
 */
public final class TlsContexts {

    /** The alias of the key entry in key stores written by {@link #writePkcs12}. */
    public static final String KEY_ALIAS = "identity";
    /** The alias of the CA entry in trust stores written by {@link #writeTrustStore}. */
    public static final String CA_ALIAS = "ca";
    /** The only protocol the contexts speak. */
    public static final String PROTOCOL = Tls13Only.PROTOCOL;

    private static final int MAX_CHAIN = 8;

    private TlsContexts() {
    }

    /**
     * @param key        the private key of the chain's first certificate
     * @param chain      this side's certificate first, then any intermediates (not the root needed)
     * @param trustedCa  the only CA whose certificates the peer may present
     * @return an initialised TLS 1.3-only context
     * @throws PkiException the key does not belong to the certificate, or JSSE refuses the material
     */
    public static SSLContext mutualTls(PrivateKey key, List<X509Certificate> chain, X509Certificate trustedCa)
            throws PkiException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(trustedCa, "trustedCa");
        if (chain.isEmpty() || chain.size() > MAX_CHAIN) {
            throw new PkiException("certificate chain: expected 1.." + MAX_CHAIN + " certificates, got " + chain.size());
        }
        KeyMatch.check(key, chain.get(0), "private key", "certificate CN=" + commonNameOrSubject(chain.get(0)));
        char[] password = new char[0];
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry(KEY_ALIAS, key, password, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(keys, password);

            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trustStore(trustedCa));

            SSLContext ctx = SSLContext.getInstance(PROTOCOL);
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return new Tls13Only(ctx);
        } catch (GeneralSecurityException | IOException e) {
            throw new PkiException("TLS context: cannot be set up (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads the three PEM files and builds {@link #mutualTls(PrivateKey, List, X509Certificate)}.
     *
     * @param keyPem  this side's private key
     * @param certPem this side's certificate, or its chain leaf first
     * @param caPem   the CA certificate to trust
     * @throws PkiException naming the file that is missing or wrong
     */
    public static SSLContext mutualTls(Path keyPem, Path certPem, Path caPem) throws PkiException {
        PrivateKey key = PemFiles.readPrivateKey(keyPem);
        List<X509Certificate> chain = PemFiles.readCertificates(certPem);
        X509Certificate ca = PemFiles.readCertificate(caPem);
        KeyMatch.check(key, chain.get(0), keyPem, certPem);
        return mutualTls(key, chain, ca);
    }

    /**
     * Writes a PKCS#12 key store holding the key and chain under {@value #KEY_ALIAS}, with mode 600,
     * atomically.
     */
    public static void writePkcs12(Path file, char[] password, PrivateKey key, List<X509Certificate> chain)
            throws PkiException {
        Objects.requireNonNull(password, "password");
        if (chain.isEmpty()) {
            throw new PkiException(file + ": no certificate to store with the key");
        }
        KeyMatch.check(key, chain.get(0), "private key", "certificate CN=" + commonNameOrSubject(chain.get(0)));
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(KEY_ALIAS, key, password, chain.toArray(new X509Certificate[0]));
            write(file, ks, password, true);
        } catch (GeneralSecurityException | IOException e) {
            throw new PkiException(file + ": cannot build the key store (" + e.getMessage() + ")", e);
        }
    }

    /** Writes a PKCS#12 trust store holding the CA certificate under {@value #CA_ALIAS}, atomically. */
    public static void writeTrustStore(Path file, char[] password, X509Certificate ca) throws PkiException {
        Objects.requireNonNull(password, "password");
        try {
            write(file, trustStore(ca), password, false);
        } catch (GeneralSecurityException | IOException e) {
            throw new PkiException(file + ": cannot build the trust store (" + e.getMessage() + ")", e);
        }
    }

    /**
     * @return the single common name (CN) of the certificate's subject, e.g. a concentrator's id
     * @throws IllegalArgumentException the subject has no CN, or several
     */
    public static String commonName(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        String cn = SubjectNames.commonNameOrNull(subject);
        if (cn == null) {
            throw new IllegalArgumentException("certificate subject '" + SubjectNames.printable(subject.toString())
                    + "' has no single CN");
        }
        return cn;
    }

    private static String commonNameOrSubject(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        String cn = SubjectNames.commonNameOrNull(subject);
        return SubjectNames.printable(cn != null ? cn : subject.toString());
    }

    private static KeyStore trustStore(X509Certificate ca) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry(CA_ALIAS, ca);
        return ks;
    }

    private static void write(Path file, KeyStore ks, char[] password, boolean ownerOnly)
            throws GeneralSecurityException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ks.store(out, password);
        AtomicFiles.write(file, out.toByteArray(), ownerOnly, false);
    }
}
