package org.openami.cloud.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutual TLS 1.3 between contexts from {@link TlsContexts}, over real loopback sockets. */
class TlsHandshakeTest {

    @TempDir
    static Path dir;

    static ProjectCa ca;
    static TestPki.Issued broker;
    static TestPki.Issued concentrator;

    @BeforeAll
    static void pki() throws Exception {
        ca = TestPki.newCa(dir.resolve("ca"));
        broker = TestPki.server(ca, List.of("localhost"), List.of("127.0.0.1"));
        concentrator = TestPki.client(ca, "CONC-0001");
    }

    static SSLContext brokerContext() throws PkiException {
        return TlsContexts.mutualTls(broker.keys().getPrivate(), broker.chain(), ca.certificate());
    }

    static SSLContext context(TestPki.Issued id, ProjectCa trusted) throws PkiException {
        return TlsContexts.mutualTls(id.keys().getPrivate(), id.chain(), trusted.certificate());
    }

    @Test
    void ca_issued_certificates_complete_a_tls13_mutual_handshake() throws Exception {
        Handshakes.Outcome o = Handshakes.run(brokerContext(), context(concentrator, ca), "localhost");

        assertThat(o.serverError()).isNull();
        assertThat(o.clientError()).isNull();
        assertThat(o.serverProtocol()).isEqualTo("TLSv1.3");
        assertThat(o.clientProtocol()).isEqualTo("TLSv1.3");
        assertThat(o.peerSeenByServer()).isEqualTo("CN=CONC-0001");
        assertThat(o.peerSeenByClient()).isEqualTo("CN=broker");
    }

    @Test
    void connecting_by_ip_address_matches_the_ip_san() throws Exception {
        Handshakes.Outcome o = Handshakes.run(brokerContext(), context(concentrator, ca), "127.0.0.1");

        assertThat(o.bothSucceeded()).as("%s", o).isTrue();
    }

    @Test
    void client_certificate_from_another_ca_is_refused() throws Exception {
        ProjectCa other = TestPki.newCa(dir.resolve("other-ca"));
        TestPki.Issued intruder = TestPki.client(other, "CONC-0001");
        // the intruder trusts the real CA, so only the broker's check can stop it
        SSLContext client = TlsContexts.mutualTls(intruder.keys().getPrivate(), intruder.chain(), ca.certificate());

        Handshakes.Outcome o = Handshakes.run(brokerContext(), client, "localhost");

        assertThat(o.serverError()).isInstanceOf(SSLHandshakeException.class);
        assertThat(o.clientError()).isNotNull();
    }

    @Test
    void client_without_certificate_is_refused() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        SSLContext anonymous = SSLContext.getInstance("TLSv1.3");
        anonymous.init(null, tmf.getTrustManagers(), null);

        Handshakes.Outcome o = Handshakes.run(brokerContext(), anonymous, "localhost");

        assertThat(o.serverError()).isInstanceOf(SSLHandshakeException.class);
        assertThat(o.clientError()).isNotNull();
    }

    @Test
    void expired_client_certificate_is_refused() throws Exception {
        // the same CA, loaded with a clock 400 days back, issues for 30 days: expired 370 days ago
        ProjectCa past = ProjectCa.load(dir.resolve("ca"), TestPki.clockAt(Instant.now().minus(Duration.ofDays(400))));
        var keys = CertificateRequests.generateKeyPair();
        var cert = past.issueClient(CertificateRequests.create(keys, "CONC-0002"), Duration.ofDays(30));
        SSLContext client = TlsContexts.mutualTls(keys.getPrivate(), List.of(cert), ca.certificate());

        Handshakes.Outcome o = Handshakes.run(brokerContext(), client, "localhost");

        assertThat(o.serverError()).isInstanceOf(SSLHandshakeException.class);
        assertThat(o.serverError()).hasRootCauseInstanceOf(CertificateExpiredException.class);
        assertThat(o.clientError()).isNotNull();
    }

    @Test
    void server_certificate_without_the_host_name_is_refused_by_host_name_checking() throws Exception {
        TestPki.Issued elsewhere = TestPki.server(ca, List.of("broker.example.net"), List.of());
        SSLContext server = TlsContexts.mutualTls(elsewhere.keys().getPrivate(), elsewhere.chain(), ca.certificate());

        Handshakes.Outcome checked = Handshakes.run(server, context(concentrator, ca), "localhost");

        assertThat(checked.clientError()).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("localhost");
        assertThat(checked.serverError()).isNotNull();

        // the same certificates pass once host name checking is switched off: the name was the only problem
        Handshakes.Outcome unchecked = Handshakes.run(server, context(concentrator, ca), "localhost", s -> {
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm(""); // null would mean "unchanged"
            s.setSSLParameters(p);
        });
        assertThat(unchecked.bothSucceeded()).as("%s", unchecked).isTrue();
    }

    @Test
    void tls12_client_is_refused() throws Exception {
        SSLContext modern = context(concentrator, ca);
        Handshakes.Outcome o = Handshakes.run(brokerContext(), modern, "localhost", s -> s.setEnabledProtocols(new String[] {"TLSv1.2"}));

        assertThat(o.bothFailed()).as("%s", o).isTrue();
    }

    @Test
    void sockets_and_engines_speak_tls13_only_and_servers_require_client_certificates() throws Exception {
        SSLContext ctx = brokerContext();
        try (SSLServerSocket ss = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0)) {
            assertThat(ss.getEnabledProtocols()).containsExactly("TLSv1.3");
            assertThat(ss.getNeedClientAuth()).isTrue();
        }
        SSLEngine engine = ctx.createSSLEngine();
        assertThat(engine.getEnabledProtocols()).containsExactly("TLSv1.3");
        assertThat(ctx.getDefaultSSLParameters().getProtocols()).containsExactly("TLSv1.3");
        assertThat(ctx.getProtocol()).isEqualTo("TLSv1.3");
    }

    @Test
    void key_that_does_not_belong_to_the_certificate_is_refused() {
        TestPki.Issued other = concentrator;
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> TlsContexts.mutualTls(other.keys().getPrivate(), broker.chain(), ca.certificate()))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("does not belong");
    }
}
