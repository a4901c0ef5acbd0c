package org.openami.meter.update.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.openami.meter.update.FirmwarePackageException;
import org.openami.meter.update.FirmwareVerifier;
import org.openami.meter.update.slots.FirmwareInstaller;
import org.openami.meter.update.slots.FirmwareSlots;
import org.openami.meter.update.slots.InstallResult;
import org.openami.meter.update.slots.ProcessHealthCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code firmware install --trusted-keys DIR --install-dir DIR [--health-timeout 60s] FILE}. */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Verifies a package, unpacks it into the inactive slot, runs its health check",
            "(java -cp slot/app/* <main-class> <health args>) and commits it or rolls it back.",
            "Exit code 0 when committed, 1 when refused or rolled back."})
final class InstallCommand extends FirmwareSubcommand {

    @Mixin
    VerifierOptions trust = new VerifierOptions();

    @Option(names = "--install-dir", required = true, paramLabel = "DIR", description = "install directory with slot-a/ and slot-b/")
    Path installDir;

    @Option(names = "--health-timeout", defaultValue = "60s", paramLabel = "DURATION",
            converter = Converters.PositiveDuration.class, description = "health-check time limit (default: ${DEFAULT-VALUE})")
    Duration healthTimeout;

    @Parameters(index = "0", paramLabel = "FILE", description = "the .fwpkg file")
    Path file;

    @Override
    int run() throws FirmwarePackageException, IOException {
        FirmwareVerifier verifier = trust.verifier();
        FirmwareSlots slots = new FirmwareSlots(installDir, parent.clock());
        InstallResult result = new FirmwareInstaller(slots, verifier, new ProcessHealthCheck(healthTimeout)).install(file);
        if (result.committed()) {
            out().println(result.describe());
            return OK;
        }
        err().println(result.describe());
        return FAILED;
    }
}
