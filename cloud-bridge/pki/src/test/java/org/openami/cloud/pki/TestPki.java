package org.openami.cloud.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Test fixtures: CAs, issued identities and hand-made requests, all made with the real code. */
public final class TestPki {

    /** A key pair with the certificate issued for it. */
    public record Issued(KeyPair keys, X509Certificate certificate) {
        public List<X509Certificate> chain() {
            return List.of(certificate);
        }
    }

    private TestPki() {
    }

    public static Clock clockAt(Instant t) {
        return Clock.fixed(t, ZoneOffset.UTC);
    }

    public static Clock now() {
        return Clock.systemUTC();
    }

    public static ProjectCa newCa(Path dir) throws PkiException {
        return ProjectCa.create(dir, "Test CA", Duration.ofDays(3650), now());
    }

    public static Issued client(ProjectCa ca, String id) throws PkiException {
        KeyPair keys = CertificateRequests.generateKeyPair();
        return new Issued(keys, ca.issueClient(CertificateRequests.create(keys, id), Duration.ofDays(30)));
    }

    public static Issued server(ProjectCa ca, List<String> dns, List<String> ips) throws PkiException {
        KeyPair keys = CertificateRequests.generateKeyPair();
        return new Issued(keys, ca.issueServer(CertificateRequests.create(keys, "broker"), dns, ips, Duration.ofDays(30)));
    }

    /** A request with any subject and key, bypassing the checks of {@link CertificateRequests#create}. */
    public static PKCS10CertificationRequest request(KeyPair keys, String subject, String signatureAlgorithm) throws Exception {
        return new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keys.getPublic())
                .build(new JcaContentSignerBuilder(signatureAlgorithm).build(keys.getPrivate()));
    }

    public static KeyPair rsaKeys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    public static KeyPair ecKeys(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    public static Path tempDir(String prefix) throws Exception {
        return Files.createTempDirectory(prefix);
    }
}
