package org.openami.cloud.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import org.openami.cloud.envelope.KeyDirectory;
import org.openami.cloud.envelope.KeyFileException;
import org.openami.cloud.envelope.NodeKeys;
import org.openami.cloud.pki.CertificateRequests;
import org.openami.cloud.pki.PemFiles;
import org.openami.cloud.pki.PkiException;

/**
 * Commissions a concentrator in one step on a machine that holds the cloud's data folder
 * (demos, tests, a factory line): makes the concentrator's TLS key and CSR and its envelope
 * keys, enrolls it (certificate from the project CA, envelope public keys registered), and
 * writes everything the concentrator needs into its folder:
 * <pre>
 * tls/&lt;id&gt;.key.pem  tls/&lt;id&gt;.crt.pem  tls/ca.crt.pem
 * keys/own/&lt;id&gt;.1.key.pem  keys/peers/cloud.&lt;n&gt;.pub.pem
 * </pre>
 * In the field the private keys are made on the concentrator and only the CSR and the public
 * envelope keys travel (docs/cloud-bridge.md).
 */
public final class Commissioning {

    private Commissioning() {
    }

    public static void commission(CloudFiles cloud, Path dir, String id, Clock clock) throws IOException {
        try {
            Path tls = dir.resolve("tls");
            Files.createDirectories(tls);
            KeyPair keys = CertificateRequests.generateKeyPair();
            PemFiles.writePrivateKey(tls.resolve(id + ".key.pem"), keys.getPrivate());
            Path csr = tls.resolve(id + ".csr.pem");
            PemFiles.writeCertificationRequest(csr, CertificateRequests.create(keys, id));
            Files.createDirectories(dir.resolve("keys").resolve(KeyDirectory.OWN));
            Files.createDirectories(dir.resolve("keys").resolve(KeyDirectory.PEERS));
            KeyDirectory own = KeyDirectory.load(dir.resolve("keys"));
            NodeKeys envelope = own.currentOwn().orElse(null);
            if (envelope == null) {
                envelope = NodeKeys.generate(id, 1, new SecureRandom());
                own.addOwn(envelope);
            }
            X509Certificate cert = CloudService.enroll(cloud, csr, envelope.publicKeys(), clock);
            PemFiles.writeCertificate(tls.resolve(id + ".crt.pem"), cert);
            PemFiles.writeCertificate(tls.resolve("ca.crt.pem"), cloud.ca(clock).certificate());
            KeyDirectory cloudKeys = KeyDirectory.load(cloud.keysDir());
            own.addPeer(cloudKeys.currentOwn().orElseThrow(() -> new IOException("the cloud has no envelope key"))
                    .publicKeys());
        } catch (PkiException | KeyFileException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
