package org.openami.cloud.pki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.cloud.pki.Handshakes;
import org.openami.cloud.pki.Identity;
import org.openami.cloud.pki.PemFiles;
import picocli.CommandLine;

/** The command line end to end in a temporary directory, with the real files and a real handshake at the end. */
class PkiCommandTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        return run(new CommandLine(new PkiCommand(Clock.systemUTC())), args);
    }

    private Run runConcise(String... args) {
        return run(PkiCommand.commandLine(new PkiCommand(Clock.systemUTC())), args);
    }

    /** Writers without auto-flush, like System.out behind picocli: output a command does not flush is lost. */
    private static Run run(CommandLine cl, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), false));
        cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), false));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String p(String relative) {
        return dir.resolve(relative).toString();
    }

    private static void assertOneLineError(Run r, String... fragments) {
        assertThat(r.exit()).as("exit of %s", r).isEqualTo(2);
        assertThat(r.err().strip().lines()).as("stderr of %s", r).hasSize(1);
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
        for (String f : fragments) {
            assertThat(r.err()).contains(f);
        }
    }

    @Test
    void init_request_issue_server_show_and_a_handshake_between_the_results() throws Exception {
        Run init = run("init", "--ca-dir", p("ca"), "--name", "Test project CA", "--days", "365");
        assertThat(init.exit()).as("%s", init).isZero();
        assertThat(init.out()).contains("CN=Test project CA").contains("ca.key.pem").contains("offline");
        assertThat(Files.exists(dir.resolve("ca/ca.key.pem"))).isTrue();

        // on the concentrator
        Run request = run("request", "--id", "CONC-0001", "--out", p("conc"));
        assertThat(request.exit()).as("%s", request).isZero();
        assertThat(request.out()).contains("-----BEGIN CERTIFICATE REQUEST-----").doesNotContain("PRIVATE KEY-----");
        String keyText = Files.readString(dir.resolve("conc/CONC-0001.key.pem"));
        assertThat(keyText).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(request.out()).doesNotContain(keyText.lines().skip(1).findFirst().orElseThrow());
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("conc/CONC-0001.key.pem"))))
                    .isEqualTo("rw-------");
        }

        // at the operator: only the CSR travelled
        Files.createDirectories(dir.resolve("operator"));
        Files.copy(dir.resolve("conc/CONC-0001.csr.pem"), dir.resolve("operator/CONC-0001.csr.pem"));
        Run issue = run("issue", "--ca-dir", p("ca"), "--csr", p("operator/CONC-0001.csr.pem"),
                "--out", p("operator/CONC-0001.crt.pem"), "--days", "90");
        assertThat(issue.exit()).as("%s", issue).isZero();
        assertThat(issue.out()).contains("CN=CONC-0001").contains("clientAuth");
        assertThat(Files.readString(dir.resolve("operator/ca.crt.pem"))).isEqualTo(Files.readString(dir.resolve("ca/ca.crt.pem")));

        // back on the concentrator
        Files.copy(dir.resolve("operator/CONC-0001.crt.pem"), dir.resolve("conc/CONC-0001.crt.pem"));
        Files.copy(dir.resolve("operator/ca.crt.pem"), dir.resolve("conc/ca.crt.pem"));
        Identity conc = Identity.load(dir.resolve("conc"), "CONC-0001");
        assertThat(conc.commonName()).isEqualTo("CONC-0001");

        // the broker, in one step, with PKCS#12 stores
        Files.writeString(dir.resolve("pw.txt"), "s3cret\n");
        Run server = run("server", "--ca-dir", p("ca"), "--out", p("broker"), "--name", "broker",
                "--dns", "localhost", "--ip", "127.0.0.1", "--pkcs12-password-file", p("pw.txt"));
        assertThat(server.exit()).as("%s", server).isZero();
        assertThat(server.out()).contains("DNS:localhost").contains("IP:127.0.0.1").contains("serverAuth")
                .doesNotContain("s3cret");
        Identity broker = Identity.load(dir.resolve("broker"), "broker");
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(dir.resolve("broker/broker.p12"))) {
            p12.load(in, "s3cret".toCharArray());
        }
        assertThat(p12.getCertificate("identity")).isEqualTo(broker.certificate());

        Handshakes.Outcome o = Handshakes.run(broker.sslContext(), conc.sslContext(), "localhost");
        assertThat(o.bothSucceeded()).as("%s", o).isTrue();
        assertThat(o.serverProtocol()).isEqualTo("TLSv1.3");

        // show
        X509Certificate cert = PemFiles.readCertificate(dir.resolve("conc/CONC-0001.crt.pem"));
        String fingerprint = HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        Run show = run("show", p("conc/CONC-0001.crt.pem"));
        assertThat(show.exit()).as("%s", show).isZero();
        assertThat(show.out()).contains("subject:     CN=CONC-0001").contains("issuer:      CN=Test project CA")
                .contains(cert.getSerialNumber().toString(16).toUpperCase()).contains("EC P-256")
                .contains("clientAuth").contains(fingerprint).contains("days left");
        Run showCsr = run("show", p("conc/CONC-0001.csr.pem"));
        assertThat(showCsr.out()).contains("certificate request").contains("CN=CONC-0001").contains("signature:   valid");
        Run showKey = run("show", p("conc/CONC-0001.key.pem"));
        assertThat(showKey.exit()).isZero();
        assertThat(showKey.out()).contains("not shown").doesNotContain(keyText.lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void issue_server_certificate_from_a_broker_csr() throws Exception {
        assertThat(run("init", "--ca-dir", p("ca")).exit()).isZero();
        assertThat(run("request", "--id", "mqtt-1", "--out", p("host")).exit()).isZero();

        Run issue = run("issue", "--ca-dir", p("ca"), "--csr", p("host/mqtt-1.csr.pem"), "--out", p("host/mqtt-1.crt.pem"),
                "--server", "--dns", "mqtt.example.net,localhost", "--ip", "127.0.0.1");
        assertThat(issue.exit()).as("%s", issue).isZero();
        X509Certificate c = PemFiles.readCertificate(dir.resolve("host/mqtt-1.crt.pem"));
        assertThat(c.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(c.getSubjectAlternativeNames()).hasSize(3);

        // an existing output is kept unless --force
        Run again = run("issue", "--ca-dir", p("ca"), "--csr", p("host/mqtt-1.csr.pem"), "--out", p("host/mqtt-1.crt.pem"),
                "--server", "--dns", "localhost");
        assertOneLineError(again, "already exists");
        Run forced = run("issue", "--ca-dir", p("ca"), "--csr", p("host/mqtt-1.csr.pem"), "--out", p("host/mqtt-1.crt.pem"),
                "--server", "--dns", "localhost", "--force");
        assertThat(forced.exit()).isZero();
    }

    @Test
    void bad_input_exits_2_with_one_line() throws Exception {
        assertThat(run("init", "--ca-dir", p("ca")).exit()).isZero();

        assertOneLineError(run("init", "--ca-dir", p("ca")), "not overwritten");
        assertOneLineError(run("request", "--id", "bad id", "--out", p("conc")), "--id");
        assertThat(run("request", "--id", "CONC-1", "--out", p("conc")).exit()).isZero();
        assertOneLineError(run("request", "--id", "CONC-1", "--out", p("conc")), "already exists");
        assertOneLineError(run("issue", "--ca-dir", p("ca"), "--csr", p("conc/CONC-1.csr.pem"), "--out", p("x.crt.pem"),
                "--dns", "localhost"), "--server");
        assertOneLineError(run("issue", "--ca-dir", p("ca"), "--csr", p("conc/CONC-1.csr.pem"), "--out", p("x.crt.pem"),
                "--server"), "at least one");
        assertOneLineError(run("issue", "--ca-dir", p("nowhere"), "--csr", p("conc/CONC-1.csr.pem"), "--out", p("x.crt.pem")),
                "no such file");
        assertOneLineError(run("issue", "--ca-dir", p("ca"), "--csr", p("conc/CONC-1.csr.pem"), "--out", p("ca/ca.crt.pem"),
                "--force"), "reserved");
        Files.writeString(dir.resolve("garbage.csr.pem"), "hello, CA\n");
        assertOneLineError(run("issue", "--ca-dir", p("ca"), "--csr", p("garbage.csr.pem"), "--out", p("x.crt.pem")),
                "garbage.csr.pem", "no PEM block");
        assertOneLineError(run("server", "--ca-dir", p("ca"), "--out", p("b"), "--dns", "*.example.net"), "DNS name");
        assertThat(Files.exists(dir.resolve("b/broker.key.pem"))).as("nothing written on refusal").isFalse();
        assertOneLineError(run("show", p("garbage.csr.pem")), "no PEM block");
        assertOneLineError(run("issue", "--ca-dir", p("ca"), "--csr", p("conc/CONC-1.csr.pem"), "--out", p("y.crt.pem"),
                "--days", "0"), "validity");

        // picocli's own usage errors: exit 2 as well
        assertThat(run("issue", "--days", "many").exit()).isEqualTo(2);
        assertThat(run("frobnicate").exit()).isEqualTo(2);
        assertThat(run().exit()).isEqualTo(2);
        // and with the launcher's command line, in one line
        assertOneLineError(runConcise("issue", "--ca-dir", p("ca"), "--csr", p("conc/CONC-1.csr.pem"), "--out", p("z.pem"),
                "--days", "many"), "--days", "many");
        assertOneLineError(runConcise("init"), "--ca-dir");
    }
}
