package org.openami.cloud.pki.cli;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.openami.cloud.pki.PemFiles;
import org.openami.cloud.pki.PkiException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pki show FILE}: what a PEM file holds. Private keys are named, never printed. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Shows the certificates or the request in a PEM file: subject, issuer, serial, validity, key type, "
                + "usages, alternative names and SHA-256 fingerprint.")
final class ShowCommand extends PkiSubcommand {

    @Parameters(paramLabel = "FILE", description = "a PEM file: certificate(s), certificate request, key")
    Path file;

    @Override
    int run() throws PkiException {
        List<Object> objects = PemFiles.readObjects(file);
        Instant now = parent.clock().instant();
        for (int i = 0; i < objects.size(); i++) {
            Object o = objects.get(i);
            String header = objects.size() > 1 ? "[" + (i + 1) + "/" + objects.size() + "] " : "";
            if (o instanceof X509Certificate cert) {
                out().println(header + "certificate");
                CertificateText.describe(cert, now).forEach(l -> out().println("  " + l));
            } else if (o instanceof PKCS10CertificationRequest csr) {
                out().println(header + "certificate request");
                CertificateText.describe(csr).forEach(l -> out().println("  " + l));
            } else if (o instanceof PrivateKey key) {
                out().println(header + "private key (" + key.getAlgorithm() + "), not shown");
            } else if (o instanceof PublicKey key) {
                out().println(header + "public key: " + CertificateText.keyType(key));
            }
        }
        return OK;
    }
}
