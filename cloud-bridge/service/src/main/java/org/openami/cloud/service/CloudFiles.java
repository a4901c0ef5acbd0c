package org.openami.cloud.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.openami.cloud.envelope.KeyDirectory;
import org.openami.cloud.envelope.KeyFileException;
import org.openami.cloud.envelope.NodeKeys;
import org.openami.cloud.pki.CertificateRequests;
import org.openami.cloud.pki.PemFiles;
import org.openami.cloud.pki.PkiException;
import org.openami.cloud.pki.ProjectCa;
import org.openami.cloud.pki.TlsContexts;

/**
 * The cloud's data folder:
 * <pre>
 * ca/           the project CA (ca.key.pem: keep offline in production; ca.crt.pem)
 * broker/       the embedded broker's key and certificate, as PEM and as PKCS#12 stores
 * service/      the TLS identity the cloud's own MQTT clients connect with (cloud.key.pem, cloud.crt.pem, ca.crt.pem)
 * keys/         envelope keys: own/cloud.&lt;keyId&gt;.key.pem and peers/&lt;concentrator&gt;.&lt;keyId&gt;.pub.pem
 * postgres/     the embedded PostgreSQL cluster
 * hivemq/       the embedded broker's persistence
 * state/        the command envelope sequence
 * </pre>
 * {@link #initialise} creates whatever is missing and never overwrites what exists.
 */
public final class CloudFiles {

    /** Name of the cloud's own TLS identity and envelope party. */
    public static final String CLOUD = "cloud";

    private static final char[] STORE_PASSWORD = "openami-broker".toCharArray();

    private final Path root;

    public CloudFiles(Path root) {
        this.root = root.toAbsolutePath();
    }

    public Path root() {
        return root;
    }

    public Path caDir() {
        return root.resolve("ca");
    }

    public Path brokerDir() {
        return root.resolve("broker");
    }

    public Path serviceTlsDir() {
        return root.resolve("service");
    }

    public Path keysDir() {
        return root.resolve("keys");
    }

    public Path postgresDir() {
        return root.resolve("postgres");
    }

    public Path hivemqDir() {
        return root.resolve("hivemq");
    }

    public Path stateDir() {
        return root.resolve("state");
    }

    /** Password of the broker's PKCS#12 stores (they hold only what the PEM files next to them hold). */
    public char[] storePassword() {
        return STORE_PASSWORD.clone();
    }

    /**
     * Creates the CA, the broker's certificate (for {@code brokerHosts}: DNS names and IP
     * addresses), the service's client certificate and the cloud's envelope keys (key id 1) if
     * they do not exist yet.
     */
    public void initialise(List<String> brokerDns, List<String> brokerIps, Clock clock) throws IOException {
        try {
            Files.createDirectories(root);
            ProjectCa ca = Files.exists(caDir().resolve(ProjectCa.CERTIFICATE_FILE))
                    ? ProjectCa.load(caDir(), clock)
                    : ProjectCa.create(caDir(), "OpenAMI project CA", Duration.ofDays(3650), clock);
            Path brokerCert = brokerDir().resolve("broker.crt.pem");
            if (!Files.exists(brokerCert)) {
                KeyPair keys = CertificateRequests.generateKeyPair();
                X509Certificate cert = ca.issueServer(CertificateRequests.create(keys, "broker"), brokerDns, brokerIps,
                        Duration.ofDays(825));
                PemFiles.writePrivateKey(brokerDir().resolve("broker.key.pem"), keys.getPrivate());
                PemFiles.writeCertificate(brokerCert, cert);
                PemFiles.writeCertificate(brokerDir().resolve("ca.crt.pem"), ca.certificate());
                TlsContexts.writePkcs12(brokerDir().resolve("broker.p12"), STORE_PASSWORD, keys.getPrivate(),
                        List.of(cert, ca.certificate()));
                TlsContexts.writeTrustStore(brokerDir().resolve("truststore.p12"), STORE_PASSWORD, ca.certificate());
            }
            Path serviceCert = serviceTlsDir().resolve(CLOUD + ".crt.pem");
            if (!Files.exists(serviceCert)) {
                KeyPair keys = CertificateRequests.generateKeyPair();
                X509Certificate cert = ca.issueClient(CertificateRequests.create(keys, CLOUD), Duration.ofDays(825));
                PemFiles.writePrivateKey(serviceTlsDir().resolve(CLOUD + ".key.pem"), keys.getPrivate());
                PemFiles.writeCertificate(serviceCert, cert);
                PemFiles.writeCertificate(serviceTlsDir().resolve("ca.crt.pem"), ca.certificate());
            }
            Files.createDirectories(keysDir().resolve(KeyDirectory.OWN));
            Files.createDirectories(keysDir().resolve(KeyDirectory.PEERS));
            KeyDirectory keys = KeyDirectory.load(keysDir());
            if (keys.currentOwn().isEmpty()) {
                keys.addOwn(NodeKeys.generate(CLOUD, 1, new SecureRandom()));
            }
            Files.createDirectories(stateDir());
        } catch (PkiException | KeyFileException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The project CA (to issue concentrator certificates). */
    public ProjectCa ca(Clock clock) throws PkiException {
        return ProjectCa.load(caDir(), clock);
    }
}
