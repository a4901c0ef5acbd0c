package org.openami.meter.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.meter.update.cli.FirmwareCommand;
import picocli.CommandLine;

/**
 * The package this build produced: it verifies, installs into slot A after the real
 * start-up health check (the meter's self-test in a child JVM), refuses a reinstall of the
 * same version, and a newer package whose health check fails is rolled back.
 */
class BuiltPackageIT {

    @TempDir
    Path dir;

    private record Run(int exit, String out) {
    }

    private static Run firmware(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandLine cmd = new CommandLine(new FirmwareCommand());
        PrintWriter w = new PrintWriter(out, true);
        cmd.setOut(w);
        cmd.setErr(w);
        int exit = cmd.execute(args);
        w.flush();
        return new Run(exit, out.toString());
    }

    private static Path trusted(Path dir) throws Exception {
        Path t = dir.resolve("trusted");
        Files.createDirectories(t);
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("firmware.keys")))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".public.pem")).toList()) {
                Files.copy(p, t.resolve(p.getFileName()));
            }
        }
        return t;
    }

    @Test
    void theBuiltPackageInstallsAndABadUpdateRollsBack() throws Exception {
        Path pkg = Path.of(System.getProperty("firmware.package"));
        Path trusted = trusted(dir);
        Path install = dir.resolve("install");

        Run verify = firmware("verify", "--trusted-keys", trusted.toString(), pkg.toString());
        assertThat(verify.exit()).as(verify.out()).isZero();

        Run first = firmware("install", "--trusted-keys", trusted.toString(), "--install-dir", install.toString(), pkg.toString());
        assertThat(first.exit()).as(first.out()).isZero();
        assertThat(firmware("status", "--install-dir", install.toString()).out()).contains("0.1.0");

        Run again = firmware("install", "--trusted-keys", trusted.toString(), "--install-dir", install.toString(), pkg.toString());
        assertThat(again.exit()).as("same version refused: " + again.out()).isNotZero();

        // a newer image whose start-up health check fails
        Path bad = dir.resolve("bad.fwpkg");
        Path key;
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("firmware.keys")))) {
            key = s.filter(p -> p.toString().endsWith(".private.pem")).findFirst().orElseThrow();
        }
        List<String> pack = new ArrayList<>(List.of("pack", "--version", "0.2.0", "--main-class", BuildFirmwarePackage.MAIN_CLASS,
                "--health-args", "no-such-subcommand", "--key", key.toString(), "--out", bad.toString()));
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("firmware.app")))) {
            s.sorted().forEach(p -> pack.add(p.toString()));
        }
        assertThat(firmware(pack.toArray(String[]::new)).exit()).isZero();
        Run rolledBack = firmware("install", "--trusted-keys", trusted.toString(), "--install-dir", install.toString(), bad.toString());
        assertThat(rolledBack.exit()).as(rolledBack.out()).isNotZero();
        String status = firmware("status", "--install-dir", install.toString()).out();
        assertThat(status).as(status).contains("0.1.0");
    }

    @Test
    void aTamperedPackageIsRefused() throws Exception {
        Path pkg = Path.of(System.getProperty("firmware.package"));
        byte[] b = Files.readAllBytes(pkg);
        b[b.length / 2] ^= 0x01;
        Path tampered = dir.resolve("tampered.fwpkg");
        Files.write(tampered, b);
        Run r = firmware("verify", "--trusted-keys", trusted(dir).toString(), tampered.toString());
        assertThat(r.exit()).as(r.out()).isNotZero();
    }
}
