package org.openami.cloud.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test certificates made with Bouncy Castle: a CA, a server certificate for 127.0.0.1 and
 * localhost, two client certificates from the CA and one from a foreign CA; written as the
 * PKCS#12 stores HiveMQ reads and the PEM files Mosquitto reads.
 */
final class TestPki {

    static final char[] STORE_PASSWORD = "test-store-password".toCharArray();
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final SecureRandom RANDOM = new SecureRandom();

    final Identity ca;
    final Identity server;
    final Identity clientA;
    final Identity clientB;
    final Identity foreignCa;
    final Identity foreignClient;
    final TlsFiles files;

    /** One certificate with its key and issuer chain. */
    record Identity(KeyPair keys, X509Certificate cert, X509Certificate issuer) {
    }

    TestPki(Path dir) throws Exception {
        ca = selfSigned("OpenAMI Test CA");
        server = issue(ca, "broker", true);
        clientA = issue(ca, "concentrator-A", false);
        clientB = issue(ca, "cloud-B", false);
        foreignCa = selfSigned("Foreign CA");
        foreignClient = issue(foreignCa, "intruder", false);
        Files.createDirectories(dir);
        Path keyStore = dir.resolve("server.p12");
        Path trustStore = dir.resolve("trust.p12");
        store(keyStore, keyStoreOf(server));
        store(trustStore, trustStoreOf(ca.cert()));
        Path keyPem = dir.resolve("server.key");
        Path certPem = dir.resolve("server.crt");
        Path caPem = dir.resolve("ca.crt");
        try (Writer w = Files.newBufferedWriter(keyPem, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(new JcaPKCS8Generator(server.keys().getPrivate(), null));
        }
        pem(certPem, server.cert());
        pem(caPem, ca.cert());
        files = new TlsFiles(keyStore, STORE_PASSWORD, trustStore, STORE_PASSWORD, keyPem, certPem, caPem);
    }

    /** @return a client socket factory presenting the identity (or none if null) and trusting the CA */
    SSLSocketFactory clientSocketFactory(Identity client) throws GeneralSecurityException, IOException {
        KeyManagerFactory kmf = null;
        if (client != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStoreOf(client), STORE_PASSWORD);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStoreOf(ca.cert()));
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), RANDOM);
        return context.getSocketFactory();
    }

    private static KeyStore keyStoreOf(Identity id) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("key", id.keys().getPrivate(), STORE_PASSWORD, new Certificate[] {id.cert(), id.issuer()});
        return ks;
    }

    private static KeyStore trustStoreOf(X509Certificate caCert) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("ca", caCert);
        return ks;
    }

    private static void store(Path file, KeyStore ks) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, STORE_PASSWORD);
        }
    }

    private static void pem(Path file, Object object) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(object);
        }
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static Identity selfSigned(String cn) throws Exception {
        KeyPair keys = ecKeys();
        X500Name name = new X500Name("CN=" + cn);
        X509v3CertificateBuilder builder = builder(name, name, keys);
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
        X509Certificate cert = sign(builder, keys);
        return new Identity(keys, cert, cert);
    }

    private static Identity issue(Identity issuer, String cn, boolean server) throws Exception {
        KeyPair keys = ecKeys();
        X509v3CertificateBuilder builder = builder(
                X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded()), new X500Name("CN=" + cn), keys);
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                utils.createAuthorityKeyIdentifier(issuer.cert()));
        if (server) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost")}));
        }
        return new Identity(keys, sign(builder, issuer.keys()), issuer.cert());
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    }
}
