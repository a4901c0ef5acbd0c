package org.openami.cloud.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProjectCaTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private Clock clock;
    private ProjectCa ca;

    @BeforeEach
    void setUp() throws Exception {
        clock = TestPki.clockAt(T0);
        ca = ProjectCa.create(dir.resolve("ca"), "OpenAMI project CA", Duration.ofDays(3650), clock);
    }

    private PKCS10CertificationRequest csr(String id) throws PkiException {
        return CertificateRequests.create(CertificateRequests.generateKeyPair(), id);
    }

    @Test
    void ca_certificate_is_a_self_signed_p256_ca_with_path_length_zero() throws Exception {
        X509Certificate c = ca.certificate();
        assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=OpenAMI project CA");
        assertThat(c.getIssuerX500Principal()).isEqualTo(c.getSubjectX500Principal());
        c.verify(c.getPublicKey());
        assertThat(c.getBasicConstraints()).isZero();
        assertThat(c.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
        boolean[] ku = c.getKeyUsage();
        assertThat(ku[5]).as("keyCertSign").isTrue();
        assertThat(ku[6]).as("cRLSign").isTrue();
        assertThat(ku[0]).as("digitalSignature").isFalse();
        assertThat(c.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(c.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(c.getNotBefore().toInstant()).isEqualTo(T0.minus(Duration.ofMinutes(5)));
        assertThat(c.getNotAfter().toInstant()).isEqualTo(T0.plus(Duration.ofDays(3650)));
    }

    @Test
    void ca_files_are_written_with_the_key_owner_only() throws Exception {
        Path keyFile = dir.resolve("ca").resolve("ca.key.pem");
        assertThat(Files.readString(keyFile)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PemFiles.readCertificate(dir.resolve("ca").resolve("ca.crt.pem"))).isEqualTo(ca.certificate());
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca")))).isEqualTo("rwx------");
        }
    }

    @Test
    void existing_ca_is_never_overwritten() throws Exception {
        Path caDir = dir.resolve("ca");
        byte[] key = Files.readAllBytes(caDir.resolve("ca.key.pem"));
        byte[] cert = Files.readAllBytes(caDir.resolve("ca.crt.pem"));

        assertThatThrownBy(() -> ProjectCa.create(caDir, "Another CA", Duration.ofDays(10), clock))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("ca.key.pem").hasMessageContaining("not overwritten");
        // a lone certificate also counts as an existing CA
        Path half = dir.resolve("half");
        Files.createDirectories(half);
        Files.write(half.resolve("ca.crt.pem"), cert);
        assertThatThrownBy(() -> ProjectCa.create(half, "Another CA", Duration.ofDays(10), clock))
                .isInstanceOf(PkiException.class).hasMessageContaining("ca.crt.pem");

        assertThat(Files.readAllBytes(caDir.resolve("ca.key.pem"))).isEqualTo(key);
        assertThat(Files.readAllBytes(caDir.resolve("ca.crt.pem"))).isEqualTo(cert);
        assertThat(Files.exists(half.resolve("ca.key.pem"))).isFalse();
    }

    @Test
    void loaded_ca_issues_certificates_that_verify_with_the_created_one() throws Exception {
        ProjectCa loaded = ProjectCa.load(dir.resolve("ca"), clock);
        assertThat(loaded.certificate()).isEqualTo(ca.certificate());
        X509Certificate c = loaded.issueClient(csr("CONC-0001"), Duration.ofDays(1));
        c.verify(ca.certificate().getPublicKey());
    }

    @Test
    void load_refuses_a_key_of_another_ca_and_names_missing_files() throws Exception {
        ProjectCa.create(dir.resolve("other"), "Other", Duration.ofDays(10), clock);
        Files.copy(dir.resolve("other").resolve("ca.key.pem"), dir.resolve("ca").resolve("ca.key.pem"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> ProjectCa.load(dir.resolve("ca"), clock))
                .isInstanceOf(PkiException.class).hasMessageContaining("does not belong");

        Files.delete(dir.resolve("other").resolve("ca.crt.pem"));
        assertThatThrownBy(() -> ProjectCa.load(dir.resolve("other"), clock))
                .isInstanceOf(PkiException.class).hasMessageContaining("ca.crt.pem").hasMessageContaining("no such file");
    }

    @Test
    void load_refuses_an_end_entity_certificate_as_ca() throws Exception {
        KeyPair keys = CertificateRequests.generateKeyPair();
        X509Certificate leaf = ca.issueClient(CertificateRequests.create(keys, "CONC-9"), Duration.ofDays(1));
        Path fake = dir.resolve("fake");
        PemFiles.writeCertificate(fake.resolve("ca.crt.pem"), leaf);
        PemFiles.writePrivateKey(fake.resolve("ca.key.pem"), keys.getPrivate());
        assertThatThrownBy(() -> ProjectCa.load(fake, clock))
                .isInstanceOf(PkiException.class).hasMessageContaining("not a CA certificate");
    }

    @Test
    void client_certificate_has_the_profile_of_the_brief() throws Exception {
        X509Certificate c = ca.issueClient(csr("CONC-0001"), Duration.ofDays(825));

        assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=CONC-0001");
        assertThat(c.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        c.verify(ca.certificate().getPublicKey());
        assertThat(c.getBasicConstraints()).isEqualTo(-1);
        assertThat(c.getKeyUsage()).startsWith(true, false, false, false, false, false, false);
        assertThat(c.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(c.getSubjectAlternativeNames()).isNull();
        assertThat(c.getNotBefore().toInstant()).isEqualTo(T0.minus(Duration.ofMinutes(5)));
        assertThat(c.getNotAfter().toInstant()).isEqualTo(T0.plus(Duration.ofDays(825)));
        assertThat(c.getExtensionValue("2.5.29.14")).as("subject key id").isNotNull();
        assertThat(c.getExtensionValue("2.5.29.35")).as("authority key id").isNotNull();
    }

    @Test
    void serials_are_random_positive_128_bit_numbers() throws Exception {
        BigInteger a = ca.issueClient(csr("A"), Duration.ofDays(1)).getSerialNumber();
        BigInteger b = ca.issueClient(csr("A"), Duration.ofDays(1)).getSerialNumber();
        assertThat(a.signum()).isPositive();
        assertThat(a.bitLength()).isEqualTo(128);
        assertThat(b.bitLength()).isEqualTo(128);
        assertThat(a).isNotEqualTo(b).isNotEqualTo(ca.certificate().getSerialNumber());
    }

    @Test
    void validity_is_capped_at_the_ca_expiry() throws Exception {
        ProjectCa shortCa = ProjectCa.create(dir.resolve("short"), "Short", Duration.ofDays(10), clock);
        X509Certificate c = shortCa.issueClient(csr("CONC-0001"), Duration.ofDays(825));
        assertThat(c.getNotAfter()).isEqualTo(shortCa.certificate().getNotAfter());
    }

    @Test
    void expired_ca_refuses_to_issue() throws Exception {
        ProjectCa.create(dir.resolve("short"), "Short", Duration.ofDays(10), clock);
        ProjectCa later = ProjectCa.load(dir.resolve("short"), TestPki.clockAt(T0.plus(Duration.ofDays(11))));
        assertThatThrownBy(() -> later.issueClient(csr("CONC-0001"), Duration.ofDays(1)))
                .isInstanceOf(PkiException.class).hasMessageContaining("expired");
    }

    @Test
    void non_positive_validity_is_refused() {
        assertThatThrownBy(() -> ca.issueClient(csr("X"), Duration.ZERO)).isInstanceOf(PkiException.class)
                .hasMessageContaining("validity");
        assertThatThrownBy(() -> ca.issueClient(csr("X"), Duration.ofDays(-1))).isInstanceOf(PkiException.class);
        assertThatThrownBy(() -> ProjectCa.create(dir.resolve("n"), "N", Duration.ofDays(40_000), clock))
                .isInstanceOf(PkiException.class).hasMessageContaining("CA validity");
    }

    @Test
    void request_with_a_broken_signature_is_refused() throws Exception {
        PKCS10CertificationRequest good = csr("CONC-0001");
        CertificationRequest asn1 = good.toASN1Structure();

        // the signed subject swapped for another one: the signature no longer covers what is asked
        CertificationRequestInfo info = asn1.getCertificationRequestInfo();
        CertificationRequestInfo swapped = new CertificationRequestInfo(new X500Name("CN=CONC-0002"),
                info.getSubjectPublicKeyInfo(), info.getAttributes());
        PKCS10CertificationRequest forged = new PKCS10CertificationRequest(
                new CertificationRequest(swapped, asn1.getSignatureAlgorithm(), asn1.getSignature()));
        assertThatThrownBy(() -> ca.issueClient(forged, Duration.ofDays(1)))
                .isInstanceOf(PkiException.class).hasMessageContaining("signature");

        // one bit of the signature flipped
        byte[] sig = asn1.getSignature().getOctets();
        sig[sig.length - 1] ^= 1;
        PKCS10CertificationRequest flipped = new PKCS10CertificationRequest(
                new CertificationRequest(info, asn1.getSignatureAlgorithm(), new DERBitString(sig)));
        assertThatThrownBy(() -> ca.issueClient(flipped, Duration.ofDays(1)))
                .isInstanceOf(PkiException.class).hasMessageContaining("signature");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CN=CONC 0001", "CN=CONC/0001", "CN=CONC-0001,O=Evil", "O=OpenAMI", "CN=..", "CN=CONC+CN=0001",
        "CN=ÄÖÜ", "CN=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void request_with_a_wrong_subject_is_refused(String subject) throws Exception {
        PKCS10CertificationRequest bad = TestPki.request(CertificateRequests.generateKeyPair(), subject, "SHA256withECDSA");
        assertThatThrownBy(() -> ca.issueClient(bad, Duration.ofDays(1)))
                .isInstanceOf(PkiException.class).hasMessageContaining("request");
    }

    @Test
    void rsa_and_other_curve_keys_are_refused() throws Exception {
        PKCS10CertificationRequest rsa = TestPki.request(TestPki.rsaKeys(), "CN=CONC-0001", "SHA256withRSA");
        assertThatThrownBy(() -> ca.issueClient(rsa, Duration.ofDays(1)))
                .isInstanceOf(PkiException.class).hasMessageContaining("RSA").hasMessageContaining("P-256");

        PKCS10CertificationRequest p384 = TestPki.request(TestPki.ecKeys("secp384r1"), "CN=CONC-0001", "SHA384withECDSA");
        assertThatThrownBy(() -> ca.issueServer(p384, List.of("localhost"), List.of(), Duration.ofDays(1)))
                .isInstanceOf(PkiException.class).hasMessageContaining("secp384r1");
    }

    @Test
    void server_certificate_carries_the_sans_and_server_auth() throws Exception {
        X509Certificate c = ca.issueServer(csr("broker"), List.of("localhost", "Broker.Example.NET", "localhost"),
                List.of("127.0.0.1", "::1"), Duration.ofDays(825));

        assertThat(c.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        Collection<List<?>> sans = c.getSubjectAlternativeNames();
        assertThat(sans).containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(2, "broker.example.net"),
                List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
        assertThat(c.getBasicConstraints()).isEqualTo(-1);
    }

    @Test
    void server_certificate_needs_well_formed_sans() {
        assertThatThrownBy(() -> ca.issueServer(csr("broker"), List.of(), List.of(), Duration.ofDays(1)))
                .isInstanceOf(PkiException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> ca.issueServer(csr("broker"), List.of("*.example.net"), List.of(), Duration.ofDays(1)))
                .isInstanceOf(PkiException.class).hasMessageContaining("DNS name");
        assertThatThrownBy(() -> ca.issueServer(csr("broker"), List.of("-bad-.net"), List.of(), Duration.ofDays(1)))
                .isInstanceOf(PkiException.class).hasMessageContaining("DNS name");
        assertThatThrownBy(() -> ca.issueServer(csr("broker"), List.of("10.0.0.1"), List.of(), Duration.ofDays(1)))
                .isInstanceOf(PkiException.class).hasMessageContaining("IP address");
        assertThatThrownBy(() -> ca.issueServer(csr("broker"), List.of(), List.of("300.1.1.1"), Duration.ofDays(1)))
                .isInstanceOf(PkiException.class).hasMessageContaining("IP address");
        assertThatThrownBy(() -> ca.issueServer(csr("broker"), List.of(), List.of("broker.example.net"), Duration.ofDays(1)))
                .isInstanceOf(PkiException.class).hasMessageContaining("IP address");
    }

    @Test
    void bad_ca_names_are_refused() {
        assertThatThrownBy(() -> ProjectCa.create(dir.resolve("a"), " ", Duration.ofDays(1), clock))
                .isInstanceOf(PkiException.class).hasMessageContaining("CA name");
        assertThatThrownBy(() -> ProjectCa.create(dir.resolve("b"), "bad\nname", Duration.ofDays(1), clock))
                .isInstanceOf(PkiException.class).hasMessageContaining("control");
        assertThat(Files.exists(dir.resolve("a"))).isFalse();
    }
}
