package org.openami.meter.update.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.meter.update.keys.KeyPem;
import org.openami.meter.update.testing.Keys;
import org.openami.meter.update.testing.Packages;
import org.openami.meter.update.testing.TestJars;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class FirmwareCommandTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2025-06-01T08:30:15.123Z"), ZoneOffset.UTC);
    private Path keys;
    private Path jar;
    private Path installDir;

    /** What one command printed. */
    record Run(int exit, String out, String err) {
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new FirmwareCommand(clock, Keys.random(61)));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeEach
    void setUp() throws Exception {
        keys = dir.resolve("keys");
        jar = TestJars.firmwareJar(dir.resolve("build"));
        installDir = dir.resolve("install");
    }

    private Path privateKey() throws Exception {
        try (Stream<Path> s = Files.list(keys)) {
            return s.filter(p -> p.toString().endsWith(".private.pem")).findFirst().orElseThrow();
        }
    }

    private Run pack(String version, String... healthArgs) throws Exception {
        String[] base = {"pack", "--version", version, "--main-class", Packages.MAIN, "--key", privateKey().toString(),
            "--out", dir.resolve(version + ".fwpkg").toString()};
        String[] args = new String[base.length + healthArgs.length * 2 + 1];
        System.arraycopy(base, 0, args, 0, base.length);
        int i = base.length;
        for (String h : healthArgs) {
            args[i++] = "--health-args";
            args[i++] = h;
        }
        args[i] = jar.toString();
        return run(args);
    }

    @Test
    void keygen_pack_verify_install_status_rollback_round_trip() throws Exception {
        Run keygen = run("keygen", "--out", keys.toString());
        assertThat(keygen.exit()).isZero();
        String priv = Files.readString(privateKey());
        String base64Line = priv.lines().skip(1).findFirst().orElseThrow();
        assertThat(keygen.out()).contains("key id:").doesNotContain(base64Line);
        assertThat(KeyPem.type(priv)).isEqualTo("PRIVATE KEY");

        Run pack = pack("1.0.0", "--self-test");
        assertThat(pack.exit()).as(pack.err()).isZero();
        assertThat(pack.out()).startsWith("packed ami-meter 1.0.0 (1 files");

        Run verify = run("verify", "--trusted-keys", keys.toString(), dir.resolve("1.0.0.fwpkg").toString());
        assertThat(verify.exit()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("version:     1.0.0").contains("health args: --self-test")
                .contains("build time:  2025-06-01T08:30:15Z").contains("app/ami-meter.jar").endsWith("OK" + System.lineSeparator());

        Run install = run("install", "--trusted-keys", keys.toString(), "--install-dir", installDir.toString(),
                "--health-timeout", "30s", dir.resolve("1.0.0.fwpkg").toString());
        assertThat(install.exit()).as(install.err()).isZero();
        assertThat(install.out().strip()).isEqualTo("COMMITTED: ami-meter 1.0.0 is active in slot-a");

        Run again = run("install", "--trusted-keys", keys.toString(), "--install-dir", installDir.toString(),
                dir.resolve("1.0.0.fwpkg").toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err().strip()).startsWith("REFUSED: VERSION_NOT_NEWER: version: 1.0.0 is not newer")
                .doesNotContain("\tat ");

        Run verifyOld = run("verify", "--trusted-keys", keys.toString(), "--install-dir", installDir.toString(),
                dir.resolve("1.0.0.fwpkg").toString());
        assertThat(verifyOld.exit()).isEqualTo(1);
        assertThat(verifyOld.err()).contains("VERSION_NOT_NEWER");

        assertThat(pack("1.1.0", "--self-test", "--exit", "4").exit()).isZero();
        Run failing = run("install", "--trusted-keys", keys.toString(), "--install-dir", installDir.toString(),
                dir.resolve("1.1.0.fwpkg").toString());
        assertThat(failing.exit()).isEqualTo(1);
        assertThat(failing.err().strip()).startsWith("ROLLED BACK: ami-meter 1.1.0 in slot-b failed its health check")
                .contains("exit code 4").endsWith("active: slot-a (1.0.0)");

        Run status = run("status", "--install-dir", installDir.toString());
        assertThat(status.exit()).isZero();
        assertThat(status.out()).contains("active:      slot-a 1.0.0").contains("slot-b:      FAILED 1.1.0")
                .contains("highest:     1.0.0").contains("last:        ROLLED_BACK slot-b 1.1.0 at 2025-06-01T08:30:15.123Z");

        Run nothing = run("rollback", "--install-dir", installDir.toString());
        assertThat(nothing.exit()).isEqualTo(1);
        assertThat(nothing.err().strip()).isEqualTo("ERROR: nothing to roll back to: there is no trial and no previous firmware");

        assertThat(pack("1.2.0", "--self-test").exit()).isZero();
        assertThat(run("install", "--trusted-keys", keys.toString(), "--install-dir", installDir.toString(),
                dir.resolve("1.2.0.fwpkg").toString()).exit()).isZero();
        Run rollback = run("rollback", "--install-dir", installDir.toString(), "--reason", "field test");
        assertThat(rollback.exit()).as(rollback.err()).isZero();
        assertThat(rollback.out().strip()).isEqualTo("ROLLED BACK: active: slot-a 1.0.0");
    }

    @Test
    void a_tampered_package_fails_verify_with_its_reason() throws Exception {
        run("keygen", "--out", keys.toString());
        pack("1.0.0");
        Path pkg = dir.resolve("1.0.0.fwpkg");
        byte[] bytes = Files.readAllBytes(pkg);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(pkg, bytes);
        Run verify = run("verify", "--trusted-keys", keys.toString(), pkg.toString());
        assertThat(verify.exit()).isEqualTo(1);
        assertThat(verify.err()).startsWith("REFUSED: ").doesNotContain("OK");
        assertThat(verify.out()).isEmpty();
    }

    @Test
    void bad_arguments_give_picocli_errors_and_exit_code_2_without_a_stack_trace() {
        Run missing = run("verify", "x.fwpkg");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--trusted-keys=DIR'").doesNotContain("\tat ");
        Run badDuration = run("install", "--trusted-keys", "k", "--install-dir", "i", "--health-timeout", "soon", "f");
        assertThat(badDuration.exit()).isEqualTo(2);
        assertThat(badDuration.err()).contains("Invalid value for option '--health-timeout'").contains("not a duration");
        Run badVersion = run("pack", "--version", "1.2.3-rc1", "--main-class", "a.B", "--key", "k", "--out", "o", "f");
        assertThat(badVersion.exit()).isEqualTo(2);
        assertThat(badVersion.err()).contains("pre-release and build suffixes are not accepted");
        Run help = run("pack", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--version=V").contains("--health-args=ARG");
        assertThat(run("keygen", "--out", dir.resolve("k").toString()).exit()).isZero();
        Run keygenTwice = run("keygen", "--out", dir.resolve("k").toString()); // same seed, same key id
        assertThat(keygenTwice.exit()).isEqualTo(1);
        assertThat(keygenTwice.err()).startsWith("ERROR: already exists: ");
        Run noSub = run();
        assertThat(noSub.exit()).isEqualTo(2);
        assertThat(noSub.err()).contains("Missing required subcommand").contains("keygen").contains("rollback");
        Run unknownDir = run("verify", "--trusted-keys", dir.resolve("none").toString(), "x.fwpkg");
        assertThat(unknownDir.exit()).isEqualTo(1);
        assertThat(unknownDir.err()).startsWith("ERROR: no such file or directory: ").doesNotContain("\tat ");
    }

    @Command(name = "meter")
    static final class MeterCommand {
    }

    @Test
    void works_as_a_subcommand_of_another_command() {
        CommandLine meter = new CommandLine(new MeterCommand()).addSubcommand(new FirmwareCommand(clock, Keys.random(1)));
        StringWriter out = new StringWriter();
        meter.setOut(new PrintWriter(out, true));
        int exit = meter.execute("firmware", "status", "--install-dir", installDir.toString());
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("active:      none");
        assertThat(meter.getSubcommands().get("firmware").getSubcommands()).containsKeys("keygen", "pack", "verify",
                "install", "status", "rollback");
    }
}
