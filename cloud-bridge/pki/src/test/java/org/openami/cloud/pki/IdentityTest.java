package org.openami.cloud.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityTest {

    @TempDir
    Path dir;

    private ProjectCa ca;

    @BeforeEach
    void setUp() throws Exception {
        ca = TestPki.newCa(dir.resolve("ca"));
    }

    private Path lay(String folder, String name, TestPki.Issued id, ProjectCa trusted) throws Exception {
        Path d = dir.resolve(folder);
        PemFiles.writePrivateKey(d.resolve(name + ".key.pem"), id.keys().getPrivate());
        PemFiles.writeCertificate(d.resolve(name + ".crt.pem"), id.certificate());
        PemFiles.writeCertificate(d.resolve("ca.crt.pem"), trusted.certificate());
        return d;
    }

    @Test
    void loads_the_three_files_and_handshakes_with_another_identity() throws Exception {
        Path conc = lay("conc", "CONC-0001", TestPki.client(ca, "CONC-0001"), ca);
        Path broker = lay("broker", "broker", TestPki.server(ca, List.of("localhost"), List.of()), ca);

        Identity c = Identity.load(conc, "CONC-0001");
        Identity b = Identity.load(broker, "broker");

        assertThat(c.commonName()).isEqualTo("CONC-0001");
        assertThat(c.caCertificate()).isEqualTo(ca.certificate());
        assertThat(c.keyFile()).isEqualTo(conc.resolve("CONC-0001.key.pem"));
        assertThat(c.certificateFile()).isEqualTo(conc.resolve("CONC-0001.crt.pem"));
        assertThat(c.caFile()).isEqualTo(conc.resolve("ca.crt.pem"));
        assertThat(c.notAfter()).isEqualTo(c.certificate().getNotAfter().toInstant());
        assertThat(c.toString()).doesNotContain("BEGIN");

        Handshakes.Outcome o = Handshakes.run(b.sslContext(), c.sslContext(), "localhost");
        assertThat(o.bothSucceeded()).as("%s", o).isTrue();
        assertThat(o.peerSeenByServer()).isEqualTo("CN=CONC-0001");
    }

    @Test
    void missing_files_are_named() throws Exception {
        Path conc = lay("conc", "CONC-0001", TestPki.client(ca, "CONC-0001"), ca);
        Files.delete(conc.resolve("CONC-0001.crt.pem"));
        Files.delete(conc.resolve("ca.crt.pem"));

        assertThatThrownBy(() -> Identity.load(conc, "CONC-0001"))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("CONC-0001.crt.pem")
                .hasMessageContaining("ca.crt.pem")
                .message().doesNotContain("CONC-0001.key.pem");
    }

    @Test
    void certificate_of_another_ca_or_another_key_is_refused() throws Exception {
        ProjectCa other = TestPki.newCa(dir.resolve("other"));
        Path foreign = lay("foreign", "CONC-0001", TestPki.client(other, "CONC-0001"), ca);
        assertThatThrownBy(() -> Identity.load(foreign, "CONC-0001"))
                .isInstanceOf(PkiException.class).hasMessageContaining("not issued by the CA");

        Path mixed = lay("mixed", "CONC-0001", TestPki.client(ca, "CONC-0001"), ca);
        PemFiles.writePrivateKey(mixed.resolve("CONC-0001.key.pem"), CertificateRequests.generateKeyPair().getPrivate());
        assertThatThrownBy(() -> Identity.load(mixed, "CONC-0001"))
                .isInstanceOf(PkiException.class).hasMessageContaining("does not belong");
    }

    @Test
    void names_that_are_not_ids_are_refused() {
        assertThatThrownBy(() -> Identity.load(dir, "../ca/ca")).isInstanceOf(PkiException.class)
                .hasMessageContaining("identity name");
    }
}
