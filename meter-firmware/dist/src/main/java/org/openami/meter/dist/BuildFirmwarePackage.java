package org.openami.meter.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.openami.meter.update.FirmwarePackager;
import org.openami.meter.update.FirmwareVersion;
import org.openami.meter.update.PackageInput;
import org.openami.meter.update.PayloadSource;
import org.openami.meter.update.keys.KeyFiles;

/**
 * Build step: signs the meter application in {@code APP_DIR} (every jar) into a firmware
 * package. {@code KEY} is a private key file, or a directory: the one {@code *.private.pem}
 * in it, or a new development key pair made there if it holds none.
 *
 * <p>Usage: {@code BuildFirmwarePackage APP_DIR KEY OUT.fwpkg VERSION}
 */
public final class BuildFirmwarePackage {

    static final String MAIN_CLASS = "org.openami.meter.cli.MeterCommand";
    static final List<String> HEALTH_ARGS = List.of("self-test");

    private BuildFirmwarePackage() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: BuildFirmwarePackage APP_DIR KEY OUT.fwpkg VERSION");
        }
        Path app = Path.of(args[0]);
        Path key = signingKey(Path.of(args[1]));
        Path out = Path.of(args[2]);
        List<PayloadSource> files;
        try (Stream<Path> s = Files.list(app)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().map(PayloadSource::inApp).toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no jars in " + app);
        }
        var input = new PackageInput("ami-meter", FirmwareVersion.parse(args[3]), Instant.now().truncatedTo(ChronoUnit.SECONDS),
                MAIN_CLASS, HEALTH_ARGS, files);
        var manifest = new FirmwarePackager(KeyFiles.readSigningKey(key)).write(input, out);
        System.out.printf("[firmware] %s: version %s, %d files, signed with key %s%n", out.getFileName(), args[3], files.size(),
                manifest.keyId());
    }

    private static Path signingKey(Path key) throws IOException {
        if (Files.isRegularFile(key)) {
            return key;
        }
        Files.createDirectories(key);
        try (Stream<Path> s = Files.list(key)) {
            List<Path> found = s.filter(p -> p.getFileName().toString().endsWith(KeyFiles.PRIVATE_SUFFIX)).toList();
            if (found.size() == 1) {
                return found.get(0);
            }
            if (found.size() > 1) {
                throw new IOException("more than one private key in " + key);
            }
        }
        var generated = KeyFiles.generate(key, new SecureRandom());
        System.out.println("[firmware] made a DEVELOPMENT signing key " + generated.keyId() + " in " + key
                + " (trust its public key only on test meters)");
        return generated.privateKey();
    }
}
