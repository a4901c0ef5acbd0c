package org.openami.cloud.pki.cli;

import java.nio.file.Path;
import java.security.KeyPair;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.openami.cloud.pki.CertificateRequests;
import org.openami.cloud.pki.Identity;
import org.openami.cloud.pki.PemFiles;
import org.openami.cloud.pki.PkiException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pki request --id ID --out DIR}: a concentrator's key and CSR, made on the concentrator. */
@Command(name = "request", mixinStandardHelpOptions = true,
        description = {"Run on the concentrator: makes its EC P-256 key (DIR/<id>.key.pem, mode 600, never leaves the device)",
            "and a certificate request (DIR/<id>.csr.pem) to send to the CA operator."})
final class RequestCommand extends PkiSubcommand {

    @Option(names = "--id", required = true, paramLabel = "ID", description = "the concentrator's id, 1..64 of A-Z a-z 0-9 . _ - (e.g. CONC-0001)")
    String id;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory for the key and the request (created if missing)")
    Path out;

    @Override
    int run() throws PkiException {
        if (!CertificateRequests.isValidId(id)) {
            throw new PkiException("--id: '" + id + "' is not 1..64 characters of A-Z a-z 0-9 . _ -");
        }
        Path keyFile = out.resolve(id + Identity.KEY_SUFFIX);
        Path csrFile = out.resolve(id + ".csr.pem");
        mustNotExist(keyFile, "the concentrator keeps its key; to renew, send the existing " + csrFile.getFileName() + " again");
        mustNotExist(csrFile, "delete it first to make a new request");
        KeyPair keys = CertificateRequests.generateKeyPair();
        PKCS10CertificationRequest csr = CertificateRequests.create(keys, id);
        PemFiles.writePrivateKey(keyFile, keys.getPrivate());
        PemFiles.writeCertificationRequest(csrFile, csr);
        out().println("private key: " + keyFile + "  (mode 600; stays on this concentrator, never send it)");
        out().println("request:     " + csrFile);
        out().println("Send the request to the CA operator (the file, or the text below). You get back "
                + id + Identity.CERTIFICATE_SUFFIX + " and " + Identity.CA_FILE + ": put both in " + out + ".");
        out().print(PemFiles.toPem(csr));
        return OK;
    }
}
