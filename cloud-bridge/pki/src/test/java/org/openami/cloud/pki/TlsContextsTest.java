package org.openami.cloud.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsContextsTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    static ProjectCa ca;
    static TestPki.Issued broker;
    static TestPki.Issued concentrator;

    @BeforeAll
    static void pki() throws Exception {
        ca = TestPki.newCa(shared.resolve("ca"));
        broker = TestPki.server(ca, List.of("localhost"), List.of("127.0.0.1"));
        concentrator = TestPki.client(ca, "CONC-0001");
    }

    private static KeyStore load(Path file, char[] password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password);
        }
        return ks;
    }

    @Test
    void pkcs12_key_and_trust_stores_serve_a_broker_configured_with_keystore_files() throws Exception {
        char[] pw = "store-secret".toCharArray();
        Path keyStore = dir.resolve("broker.p12");
        Path trustStore = dir.resolve("truststore.p12");
        TlsContexts.writePkcs12(keyStore, pw, broker.keys().getPrivate(), broker.chain());
        TlsContexts.writeTrustStore(trustStore, pw, ca.certificate());

        KeyStore ks = load(keyStore, pw);
        assertThat(ks.isKeyEntry(TlsContexts.KEY_ALIAS)).isTrue();
        assertThat(ks.getKey(TlsContexts.KEY_ALIAS, pw).getEncoded()).isEqualTo(broker.keys().getPrivate().getEncoded());
        assertThat(ks.getCertificateChain(TlsContexts.KEY_ALIAS)).containsExactly(broker.certificate());
        KeyStore ts = load(trustStore, pw);
        assertThat(ts.getCertificate(TlsContexts.CA_ALIAS)).isEqualTo(ca.certificate());
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyStore))).isEqualTo("rw-------");
        }
        assertThatThrownBy(() -> load(keyStore, "wrong".toCharArray())).isInstanceOf(IOException.class);

        // a plain JSSE server from the two stores, as a keystore-configured broker would build it
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, pw);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ts);
        SSLContext plain = SSLContext.getInstance("TLSv1.3");
        plain.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);

        SSLContext client = TlsContexts.mutualTls(concentrator.keys().getPrivate(), concentrator.chain(), ca.certificate());
        Handshakes.Outcome o = Handshakes.run(plain, client, "localhost", ss -> ss.setNeedClientAuth(true), c -> { });
        assertThat(o.bothSucceeded()).as("%s", o).isTrue();
        assertThat(o.peerSeenByServer()).isEqualTo("CN=CONC-0001");
    }

    @Test
    void contexts_from_pem_files_and_key_mismatch_named() throws Exception {
        Path key = dir.resolve("c.key.pem");
        Path cert = dir.resolve("c.crt.pem");
        Path caFile = dir.resolve("ca.crt.pem");
        PemFiles.writePrivateKey(key, concentrator.keys().getPrivate());
        PemFiles.writeCertificate(cert, concentrator.certificate());
        PemFiles.writeCertificate(caFile, ca.certificate());
        SSLContext client = TlsContexts.mutualTls(key, cert, caFile);
        SSLContext server = TlsContexts.mutualTls(broker.keys().getPrivate(), broker.chain(), ca.certificate());
        assertThat(Handshakes.run(server, client, "localhost").bothSucceeded()).isTrue();

        PemFiles.writePrivateKey(key, broker.keys().getPrivate());
        assertThatThrownBy(() -> TlsContexts.mutualTls(key, cert, caFile))
                .isInstanceOf(PkiException.class).hasMessageContaining("c.key.pem").hasMessageContaining("does not belong");
        assertThatThrownBy(() -> TlsContexts.mutualTls(dir.resolve("none.pem"), cert, caFile))
                .isInstanceOf(PkiException.class).hasMessageContaining("none.pem");
    }

    @Test
    void common_name_of_issued_and_foreign_certificates() throws Exception {
        assertThat(TlsContexts.commonName(concentrator.certificate())).isEqualTo("CONC-0001");
        assertThat(TlsContexts.commonName(ca.certificate())).isEqualTo("Test CA");

        var keys = CertificateRequests.generateKeyPair();
        X500Name noCn = new X500Name("O=OpenAMI,C=DE");
        X509Certificate odd = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(noCn,
                java.math.BigInteger.ONE, new java.util.Date(), new java.util.Date(System.currentTimeMillis() + 86_400_000L),
                noCn, keys.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        assertThatThrownBy(() -> TlsContexts.commonName(odd)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no single CN");
    }
}
