package org.openami.cloud.pki.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.openami.cloud.pki.CertificateRequests;
import org.openami.cloud.pki.Identity;
import org.openami.cloud.pki.PemFiles;
import org.openami.cloud.pki.PkiException;
import org.openami.cloud.pki.ProjectCa;
import org.openami.cloud.pki.TlsContexts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pki server --ca-dir DIR --out DIR --name NAME --dns NAME... --ip ADDR... [--days N]}. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Makes a broker's key, request and server certificate in one step (the key is made here, on the CA host):",
            "OUT/<name>.key.pem (mode 600), OUT/<name>.csr.pem, OUT/<name>.crt.pem and OUT/ca.crt.pem.",
            "With --pkcs12-password-file also OUT/<name>.p12 (key store) and OUT/truststore.p12 for brokers that want PKCS#12."})
final class ServerCommand extends PkiSubcommand {

    private static final int MAX_PASSWORD_FILE = 1024;

    @Option(names = "--ca-dir", required = true, paramLabel = "DIR", description = "the CA directory")
    Path caDir;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory for the broker's files (created if missing)")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", description = "the broker's name: its CN and file names (default: ${DEFAULT-VALUE})")
    String name = "broker";

    @Option(names = "--dns", paramLabel = "NAME", split = ",", description = "a DNS name clients connect to (repeatable)")
    List<String> dns = new ArrayList<>();

    @Option(names = "--ip", paramLabel = "ADDR", split = ",", description = "an IP address clients connect to (repeatable)")
    List<String> ip = new ArrayList<>();

    @Option(names = "--days", paramLabel = "N", description = "validity in days, capped at the CA's own expiry (default: ${DEFAULT-VALUE})")
    int days = 825;

    @Option(names = "--pkcs12-password-file", paramLabel = "FILE",
            description = "also write PKCS#12 key and trust stores protected by the password on the first line of FILE")
    Path passwordFile;

    @Override
    int run() throws PkiException {
        if (!CertificateRequests.isValidId(name)) {
            throw new PkiException("--name: '" + name + "' is not 1..64 characters of A-Z a-z 0-9 . _ -");
        }
        Path keyFile = out.resolve(name + Identity.KEY_SUFFIX);
        Path csrFile = out.resolve(name + ".csr.pem");
        Path certFile = out.resolve(name + Identity.CERTIFICATE_SUFFIX);
        Path keyStore = out.resolve(name + ".p12");
        Path trustStore = out.resolve("truststore.p12");
        mustNotExist(keyFile, "to renew with the same key use: pki issue --server --csr " + csrFile);
        char[] password = passwordFile == null ? null : readPassword(passwordFile);
        try {
            ProjectCa ca = ProjectCa.load(caDir, parent.clock());
            KeyPair keys = CertificateRequests.generateKeyPair();
            PKCS10CertificationRequest csr = CertificateRequests.create(keys, name);
            // issue before writing anything: a bad --dns or --ip leaves no files behind
            X509Certificate cert = ca.issueServer(csr, dns, ip, Duration.ofDays(days));
            PemFiles.writePrivateKey(keyFile, keys.getPrivate());
            PemFiles.writeCertificationRequest(csrFile, csr);
            PemFiles.writeCertificate(certFile, cert);
            PemFiles.writeCertificate(out.resolve(Identity.CA_FILE), ca.certificate());
            out().println("private key:    " + keyFile + "  (mode 600)");
            out().println("request:        " + csrFile + "  (keep it to renew with the same key)");
            out().println("certificate:    " + certFile);
            out().println("CA certificate: " + out.resolve(Identity.CA_FILE));
            if (password != null) {
                TlsContexts.writePkcs12(keyStore, password, keys.getPrivate(), List.of(cert));
                TlsContexts.writeTrustStore(trustStore, password, ca.certificate());
                out().println("key store:      " + keyStore + "  (PKCS#12, alias " + TlsContexts.KEY_ALIAS + ", mode 600)");
                out().println("trust store:    " + trustStore + "  (PKCS#12, alias " + TlsContexts.CA_ALIAS + ")");
            }
            for (String line : CertificateText.describe(cert, parent.clock().instant())) {
                out().println("  " + line);
            }
            return OK;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** The first line of a small file; never echoed. */
    private static char[] readPassword(Path file) throws PkiException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_PASSWORD_FILE + 1);
        } catch (NoSuchFileException e) {
            throw new PkiException("--pkcs12-password-file " + file + ": no such file", e);
        } catch (IOException e) {
            throw new PkiException("--pkcs12-password-file " + file + ": cannot read (" + e + ")", e);
        }
        try {
            if (bytes.length > MAX_PASSWORD_FILE) {
                throw new PkiException("--pkcs12-password-file " + file + ": larger than " + MAX_PASSWORD_FILE + " bytes");
            }
            CharBuffer chars;
            try {
                chars = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            } catch (CharacterCodingException e) {
                throw new PkiException("--pkcs12-password-file " + file + ": not UTF-8 text");
            }
            int end = 0;
            while (end < chars.length() && chars.get(end) != '\n' && chars.get(end) != '\r') {
                end++;
            }
            if (end == 0) {
                throw new PkiException("--pkcs12-password-file " + file + ": the first line is empty");
            }
            char[] password = new char[end];
            chars.get(password, 0, end);
            Arrays.fill(chars.array(), '\0');
            return password;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
