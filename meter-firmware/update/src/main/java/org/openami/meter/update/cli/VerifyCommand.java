package org.openami.meter.update.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.openami.meter.update.FirmwareManifest;
import org.openami.meter.update.FirmwarePackageException;
import org.openami.meter.update.FirmwareVerifier;
import org.openami.meter.update.PayloadFile;
import org.openami.meter.update.VerifiedPackage;
import org.openami.meter.update.slots.FirmwareSlots;
import org.openami.meter.update.slots.SlotState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code firmware verify --trusted-keys DIR [--install-dir DIR] FILE}. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verifies a package (signature, manifest, hashes, paths, sizes) without installing it.",
            "With --install-dir, also checks that its version is newer than the installed one."})
final class VerifyCommand extends FirmwareSubcommand {

    @Mixin
    VerifierOptions trust = new VerifierOptions();

    @Option(names = "--install-dir", paramLabel = "DIR", description = "install directory to check the version against")
    Path installDir;

    @Parameters(index = "0", paramLabel = "FILE", description = "the .fwpkg file")
    Path file;

    @Override
    int run() throws FirmwarePackageException, IOException {
        FirmwareVerifier verifier = trust.verifier();
        VerifiedPackage vp;
        if (installDir == null) {
            vp = verifier.verify(file);
        } else {
            SlotState installed = new FirmwareSlots(installDir, parent.clock()).state();
            vp = verifier.verify(file, m -> FirmwareSlots.requireNewer(installed, m));
        }
        print(out(), vp.manifest());
        out().println("OK");
        return OK;
    }

    static void print(PrintWriter out, FirmwareManifest m) {
        out.println("product:     " + m.product());
        out.println("version:     " + m.version());
        out.println("build time:  " + m.buildTime());
        out.println("main class:  " + m.mainClass());
        out.println("health args: " + String.join(" ", m.healthCheckArgs()));
        out.println("key id:      " + m.keyId());
        out.println("files:       " + m.files().size() + " (" + m.totalPayloadBytes() + " bytes)");
        for (PayloadFile f : m.files()) {
            out.println("  " + f.path() + "  " + f.size() + "  " + f.sha256());
        }
    }
}
