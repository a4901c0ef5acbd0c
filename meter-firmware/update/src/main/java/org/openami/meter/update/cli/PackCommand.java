package org.openami.meter.update.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.openami.meter.update.FirmwareManifest;
import org.openami.meter.update.FirmwarePackager;
import org.openami.meter.update.FirmwareVersion;
import org.openami.meter.update.PackageInput;
import org.openami.meter.update.PayloadSource;
import org.openami.meter.update.keys.KeyFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code firmware pack --version V --main-class C [--health-args A]... --key K --out F FILES...}. */
@Command(name = "pack",
        description = "Builds a signed firmware package; each FILE goes to app/<file name>.")
final class PackCommand extends FirmwareSubcommand {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    // --version is the firmware version here, so this command has no standard -V/--version option
    @Option(names = "--version", required = true, paramLabel = "V", converter = Converters.Version.class,
            description = "firmware version MAJOR.MINOR.PATCH")
    FirmwareVersion version;

    @Option(names = "--main-class", required = true, paramLabel = "C", description = "class to start")
    String mainClass;

    @Option(names = "--health-args", paramLabel = "ARG", arity = "1",
            description = "argument for the start-up health check; repeat for more (e.g. --health-args=--self-test)")
    List<String> healthArgs = new ArrayList<>();

    @Option(names = "--key", required = true, paramLabel = "PRIVATE.pem", description = "Ed25519 private key (PKCS#8 PEM)")
    Path key;

    @Option(names = "--out", required = true, paramLabel = "FILE.fwpkg", description = "package to write")
    Path out;

    @Option(names = "--product", defaultValue = "ami-meter", paramLabel = "NAME", description = "product (default: ${DEFAULT-VALUE})")
    String product;

    @Option(names = "--build-time", paramLabel = "INSTANT",
            description = "build time, ISO-8601 UTC (default: now, to the second)")
    Instant buildTime;

    @Parameters(arity = "1..*", paramLabel = "FILES", description = "payload files (jars)")
    List<Path> files;

    @Override
    int run() throws IOException {
        Instant time = buildTime != null ? buildTime : parent.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        List<PayloadSource> sources = files.stream().map(PayloadSource::inApp).toList();
        PackageInput input = new PackageInput(product, version, time, mainClass, healthArgs, sources);
        FirmwareManifest m = new FirmwarePackager(KeyFiles.readSigningKey(key)).write(input, out);
        out().println("packed " + m.summary() + " into " + out);
        return OK;
    }
}
