package org.openami.cloud.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFilesTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    static ProjectCa ca;
    static TestPki.Issued leaf;

    @BeforeAll
    static void pki() throws Exception {
        ca = TestPki.newCa(shared.resolve("ca"));
        leaf = TestPki.client(ca, "CONC-0001");
    }

    @Test
    void certificate_chain_round_trips_leaf_first() throws Exception {
        Path f = dir.resolve("sub/chain.pem");
        PemFiles.writeCertificates(f, List.of(leaf.certificate(), ca.certificate()));

        assertThat(PemFiles.readCertificates(f)).containsExactly(leaf.certificate(), ca.certificate());
        assertThat(PemFiles.readCertificate(f)).isEqualTo(leaf.certificate());
        assertThat(Files.readString(f)).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void private_key_is_pkcs8_owner_only_and_round_trips() throws Exception {
        Path f = dir.resolve("k.key.pem");
        PemFiles.writePrivateKey(f, leaf.keys().getPrivate());

        assertThat(Files.readString(f)).startsWith("-----BEGIN PRIVATE KEY-----");
        PrivateKey back = PemFiles.readPrivateKey(f);
        assertThat(back.getEncoded()).isEqualTo(leaf.keys().getPrivate().getEncoded());
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        }
    }

    @Test
    void rewriting_replaces_the_file_and_leaves_no_temporary_files() throws Exception {
        Path f = dir.resolve("k.key.pem");
        KeyPair other = CertificateRequests.generateKeyPair();
        PemFiles.writePrivateKey(f, leaf.keys().getPrivate());
        PemFiles.writePrivateKey(f, other.getPrivate());

        assertThat(PemFiles.readPrivateKey(f).getEncoded()).isEqualTo(other.getPrivate().getEncoded());
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("k.key.pem");
        }
    }

    @Test
    void openssl_traditional_ec_key_is_read_too() throws Exception {
        // what `openssl ecparam -genkey` writes: SEC 1 ECPrivateKey with the named curve, as EC PRIVATE KEY
        java.math.BigInteger d = ((java.security.interfaces.ECPrivateKey) leaf.keys().getPrivate()).getS();
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(leaf.keys().getPublic().getEncoded());
        ECPrivateKey sec1 = new ECPrivateKey(256, d, spki.getPublicKeyData(), new X962Parameters(SECObjectIdentifiers.secp256r1));
        StringWriter w = new StringWriter();
        try (PemWriter pem = new PemWriter(w)) {
            pem.writeObject(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
        }
        Path f = dir.resolve("ec.pem");
        Files.writeString(f, "some comment\n" + w);
        PrivateKey read = PemFiles.readPrivateKey(f);
        assertThat(read.getAlgorithm()).isEqualTo("EC");
        assertThat(((java.security.interfaces.ECPrivateKey) read).getS()).isEqualTo(d);
    }

    @Test
    void certification_request_round_trips_through_file_and_text() throws Exception {
        PKCS10CertificationRequest csr = CertificateRequests.create(CertificateRequests.generateKeyPair(), "CONC-0001");
        Path f = dir.resolve("c.csr.pem");
        PemFiles.writeCertificationRequest(f, csr);

        assertThat(PemFiles.readCertificationRequest(f)).isEqualTo(csr);
        assertThat(PemFiles.toPem(csr)).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        assertThat(PemFiles.parseCertificationRequest(PemFiles.toPem(csr), "pasted text")).isEqualTo(csr);
        assertThatThrownBy(() -> PemFiles.parseCertificationRequest(PemFiles.toPem(leaf.certificate()), "pasted text"))
                .isInstanceOf(PkiException.class).hasMessageContaining("pasted text").hasMessageContaining("a certificate");
    }

    @Test
    void garbage_empty_and_damaged_files_are_refused_naming_the_file() throws Exception {
        Path garbage = dir.resolve("garbage.pem");
        Files.write(garbage, new byte[] {0, 1, 2, (byte) 0xff, 'x', '\n', 'y'});
        assertThatThrownBy(() -> PemFiles.readCertificate(garbage))
                .isInstanceOf(PkiException.class).hasMessageContaining(garbage.toString()).hasMessageContaining("no PEM block");

        Path empty = dir.resolve("empty.pem");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> PemFiles.readPrivateKey(empty))
                .isInstanceOf(PkiException.class).hasMessageContaining("empty.pem").hasMessageContaining("is empty");

        Path damaged = dir.resolve("damaged.pem");
        Files.writeString(damaged, "-----BEGIN CERTIFICATE-----\nnot!base64$$\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> PemFiles.readCertificates(damaged))
                .isInstanceOf(PkiException.class).hasMessageContaining("damaged");

        Path truncated = dir.resolve("truncated.pem");
        String pem = PemFiles.toPem(leaf.certificate());
        Files.writeString(truncated, pem.substring(0, pem.length() / 2));
        assertThatThrownBy(() -> PemFiles.readCertificates(truncated)).isInstanceOf(PkiException.class);

        Path unknown = dir.resolve("unknown.pem");
        Files.writeString(unknown, "-----BEGIN SOMETHING ELSE-----\nAAAA\n-----END SOMETHING ELSE-----\n");
        assertThatThrownBy(() -> PemFiles.readCertificates(unknown))
                .isInstanceOf(PkiException.class).hasMessageContaining("SOMETHING ELSE");
    }

    @Test
    void wrong_block_type_is_refused_naming_what_was_found() throws Exception {
        Path cert = dir.resolve("cert.pem");
        PemFiles.writeCertificate(cert, leaf.certificate());
        Path key = dir.resolve("key.pem");
        PemFiles.writePrivateKey(key, leaf.keys().getPrivate());

        assertThatThrownBy(() -> PemFiles.readPrivateKey(cert))
                .isInstanceOf(PkiException.class).hasMessageContaining("holds a certificate, expected a private key");
        assertThatThrownBy(() -> PemFiles.readCertificates(key))
                .isInstanceOf(PkiException.class).hasMessageContaining("holds a private key, expected certificates");
        assertThatThrownBy(() -> PemFiles.readCertificationRequest(cert))
                .isInstanceOf(PkiException.class).hasMessageContaining("expected a certificate request");
        // the key's base64 never appears in a message
        String keyBody = Files.readString(key).lines().skip(1).findFirst().orElseThrow();
        assertThatThrownBy(() -> PemFiles.readCertificates(key)).message().doesNotContain(keyBody);
    }

    @Test
    void key_file_with_two_blocks_is_refused() throws Exception {
        Path f = dir.resolve("two.pem");
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(new JcaPKCS8Generator(leaf.keys().getPrivate(), null));
            pem.writeObject(leaf.certificate());
        }
        Files.writeString(f, w.toString());
        assertThatThrownBy(() -> PemFiles.readPrivateKey(f))
                .isInstanceOf(PkiException.class).hasMessageContaining("2 blocks");
        // readObjects sees both
        assertThat(PemFiles.readObjects(f)).hasSize(2).element(1).isEqualTo(leaf.certificate());
    }

    @Test
    void encrypted_key_is_refused() throws Exception {
        Path f = dir.resolve("enc.pem");
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(new JcaPKCS8Generator(leaf.keys().getPrivate(),
                    new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider()).setPassword("pw".toCharArray()).build()));
        }
        Files.writeString(f, w.toString());
        assertThatThrownBy(() -> PemFiles.readPrivateKey(f))
                .isInstanceOf(PkiException.class).hasMessageContaining("encrypted");
    }

    @Test
    void missing_directory_and_oversized_files_are_refused() throws Exception {
        Path missing = dir.resolve("nope.pem");
        assertThatThrownBy(() -> PemFiles.readCertificate(missing))
                .isInstanceOf(PkiException.class).hasMessageContaining(missing.toString()).hasMessageContaining("no such file");
        assertThatThrownBy(() -> PemFiles.readCertificate(dir))
                .isInstanceOf(PkiException.class).hasMessageContaining("directory");

        Path big = dir.resolve("big.pem");
        byte[] bytes = new byte[PemFiles.MAX_FILE_BYTES + 1];
        java.util.Arrays.fill(bytes, (byte) 'A');
        Files.write(big, bytes);
        assertThatThrownBy(() -> PemFiles.readCertificate(big))
                .isInstanceOf(PkiException.class).hasMessageContaining("larger than");
    }

    @Test
    void too_many_blocks_are_refused() throws Exception {
        Path f = dir.resolve("many.pem");
        String one = PemFiles.toPem(leaf.certificate());
        Files.writeString(f, one.repeat(PemFiles.MAX_BLOCKS + 1), StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> PemFiles.readCertificates(f))
                .isInstanceOf(PkiException.class).hasMessageContaining("more than " + PemFiles.MAX_BLOCKS);
        Files.writeString(f, one.repeat(PemFiles.MAX_BLOCKS), StandardCharsets.US_ASCII);
        List<X509Certificate> all = PemFiles.readCertificates(f);
        assertThat(all).hasSize(PemFiles.MAX_BLOCKS);
    }
}
