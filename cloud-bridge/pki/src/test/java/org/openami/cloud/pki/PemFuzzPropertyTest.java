package org.openami.cloud.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Untrusted input never escapes as anything but a {@link PkiException}: random bytes as PEM
 * files, and certificate requests whose DER encoding has random bytes changed, as given to the CA.
 */
class PemFuzzPropertyTest {

    private static Path dir;
    private static ProjectCa ca;
    private static byte[] goodCsrDer;
    private static String goodCertPem;

    @BeforeContainer
    static void setUp() throws Exception {
        dir = TestPki.tempDir("pem-fuzz");
        ca = TestPki.newCa(dir.resolve("ca"));
        goodCsrDer = CertificateRequests.create(CertificateRequests.generateKeyPair(), "CONC-0001").getEncoded();
        goodCertPem = PemFiles.toPem(ca.certificate());
    }

    @AfterContainer
    static void tearDown() throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 300)
    void random_bytes_are_refused_with_pki_exception(@ForAll byte[] bytes) throws Exception {
        Path f = dir.resolve("random.pem");
        Files.write(f, bytes);
        assertOnlyPkiException(() -> PemFiles.readCertificates(f));
        assertOnlyPkiException(() -> PemFiles.readPrivateKey(f));
        assertOnlyPkiException(() -> PemFiles.readCertificationRequest(f));
        assertOnlyPkiException(() -> PemFiles.readObjects(f));
    }

    @Property(tries = 300)
    void mutated_certificate_pem_is_read_or_refused(@ForAll("positions") int position, @ForAll("base64Chars") char c)
            throws Exception {
        char[] text = goodCertPem.toCharArray();
        int start = goodCertPem.indexOf('\n') + 1;
        int end = goodCertPem.lastIndexOf("-----END");
        int at = start + Math.floorMod(position, end - start);
        text[at] = c;
        Path f = dir.resolve("mutated.pem");
        Files.writeString(f, new String(text), StandardCharsets.US_ASCII);
        assertOnlyPkiException(() -> PemFiles.readCertificates(f));
    }

    @Property(tries = 300)
    void mutated_requests_are_issued_only_if_valid_and_otherwise_refused(@ForAll("positions") int position,
            @ForAll byte value) throws Exception {
        byte[] der = goodCsrDer.clone();
        int at = Math.floorMod(position, der.length);
        der[at] = value;
        String pem = "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END CERTIFICATE REQUEST-----\n";
        PKCS10CertificationRequest csr;
        try {
            csr = PemFiles.parseCertificationRequest(pem, "mutated");
        } catch (PkiException e) {
            return;
        }
        try {
            var cert = ca.issueClient(csr, Duration.ofDays(1));
            // only a change that leaves the request valid (e.g. the same byte) may be issued
            assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=CONC-0001");
        } catch (PkiException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 10_000);
    }

    @Provide
    Arbitrary<Character> base64Chars() {
        return Arbitraries.of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-!\n ".chars()
                .mapToObj(i -> (char) i).toArray(Character[]::new));
    }

    interface Action {
        Object run() throws Exception;
    }

    private static void assertOnlyPkiException(Action a) {
        try {
            a.run();
        } catch (PkiException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        } catch (Exception | Error e) {
            throw new AssertionError("expected a result or a PkiException, got " + e, e);
        }
    }
}
