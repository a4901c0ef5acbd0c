package org.openami.cloud.pki.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.openami.cloud.pki.Identity;
import org.openami.cloud.pki.PemFiles;
import org.openami.cloud.pki.PkiException;
import org.openami.cloud.pki.ProjectCa;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pki issue --ca-dir DIR --csr FILE --out FILE [--days N] [--server --dns NAME... --ip ADDR...]}. */
@Command(name = "issue", mixinStandardHelpOptions = true,
        description = {"Issues a certificate from a request: a concentrator's client certificate, or with --server a broker's.",
            "Also writes the CA certificate as ca.crt.pem next to the output: send both files back."})
final class IssueCommand extends PkiSubcommand {

    @Option(names = "--ca-dir", required = true, paramLabel = "DIR", description = "the CA directory")
    Path caDir;

    @Option(names = "--csr", required = true, paramLabel = "FILE", description = "the request (PEM)")
    Path csrFile;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the certificate to write, e.g. CONC-0001.crt.pem")
    Path out;

    @Option(names = "--days", paramLabel = "N", description = "validity in days, capped at the CA's own expiry (default: ${DEFAULT-VALUE})")
    int days = 825;

    @Option(names = "--server", description = "a broker (server) certificate instead of a concentrator (client) one")
    boolean server;

    @Option(names = "--dns", paramLabel = "NAME", split = ",", description = "with --server: a DNS name clients connect to (repeatable)")
    List<String> dns = new ArrayList<>();

    @Option(names = "--ip", paramLabel = "ADDR", split = ",", description = "with --server: an IP address clients connect to (repeatable)")
    List<String> ip = new ArrayList<>();

    @Option(names = "--force", description = "overwrite --out if it exists")
    boolean force;

    @Override
    int run() throws PkiException {
        if (!server && (!dns.isEmpty() || !ip.isEmpty())) {
            throw new PkiException("--dns and --ip are for server certificates: add --server");
        }
        String fileName = out.getFileName() == null ? "" : out.getFileName().toString();
        if (fileName.equals(Identity.CA_FILE) || fileName.endsWith(Identity.KEY_SUFFIX)) {
            throw new PkiException("--out " + out + ": that name is reserved for the CA certificate or a key");
        }
        if (!force) {
            mustNotExist(out, "add --force to replace it");
        }
        ProjectCa ca = ProjectCa.load(caDir, parent.clock());
        PKCS10CertificationRequest csr = PemFiles.readCertificationRequest(csrFile);
        Duration validity = Duration.ofDays(days);
        X509Certificate cert = server ? ca.issueServer(csr, dns, ip, validity) : ca.issueClient(csr, validity);
        PemFiles.writeCertificate(out, cert);
        Path caCopy = out.toAbsolutePath().resolveSibling(Identity.CA_FILE);
        Path caOwn = caDir.resolve(ProjectCa.CERTIFICATE_FILE).toAbsolutePath().normalize();
        if (!caCopy.normalize().equals(caOwn) && !sameFile(caCopy, caOwn)) {
            PemFiles.writeCertificate(caCopy, ca.certificate());
        }
        out().println((server ? "server" : "client") + " certificate: " + out);
        out().println("CA certificate:     " + caCopy);
        for (String line : CertificateText.describe(cert, parent.clock().instant())) {
            out().println("  " + line);
        }
        return OK;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
