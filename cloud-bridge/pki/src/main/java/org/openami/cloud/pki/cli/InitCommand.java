package org.openami.cloud.pki.cli;

import java.nio.file.Path;
import java.time.Duration;
import org.openami.cloud.pki.PkiException;
import org.openami.cloud.pki.ProjectCa;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pki init --ca-dir DIR [--name NAME] [--days N]}: creates the project CA. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Creates the project CA: an EC P-256 key (DIR/ca.key.pem, mode 600) and a self-signed CA certificate (DIR/ca.crt.pem).",
            "Refuses to overwrite an existing CA. Keep DIR offline; give ca.crt.pem to brokers and concentrators."})
final class InitCommand extends PkiSubcommand {

    @Option(names = "--ca-dir", required = true, paramLabel = "DIR", description = "the CA directory (created, mode 700)")
    Path caDir;

    @Option(names = "--name", paramLabel = "NAME", description = "the CA's common name (default: ${DEFAULT-VALUE})")
    String name = "OpenAMI project CA";

    @Option(names = "--days", paramLabel = "N", description = "validity of the CA certificate in days (default: ${DEFAULT-VALUE})")
    int days = 3650;

    @Override
    int run() throws PkiException {
        ProjectCa ca = ProjectCa.create(caDir, name, Duration.ofDays(days), parent.clock());
        out().println("CA created in " + caDir);
        out().println("certificate: " + caDir.resolve(ProjectCa.CERTIFICATE_FILE) + "  (give to brokers and concentrators)");
        out().println("private key: " + caDir.resolve(ProjectCa.KEY_FILE) + "  (mode 600; keep this directory offline)");
        for (String line : CertificateText.describe(ca.certificate(), parent.clock().instant())) {
            out().println("  " + line);
        }
        return OK;
    }
}
