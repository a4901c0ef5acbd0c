package org.openami.meter.update.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.openami.meter.update.slots.FirmwareSlots;
import org.openami.meter.update.slots.SlotState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code firmware rollback --install-dir DIR}. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Abandons a pending trial, or else makes the previous firmware active again.",
            "The anti-rollback floor stays: the version rolled away from cannot be reinstalled."})
final class RollbackCommand extends FirmwareSubcommand {

    @Option(names = "--install-dir", required = true, paramLabel = "DIR", description = "install directory")
    Path installDir;

    @Option(names = "--reason", defaultValue = "requested on the command line", paramLabel = "TEXT",
            description = "recorded in the state (default: ${DEFAULT-VALUE})")
    String reason;

    @Override
    int run() throws IOException {
        SlotState s = new FirmwareSlots(installDir, parent.clock()).rollback(reason);
        out().println("ROLLED BACK: active: " + s.active().map(a -> a + " " + s.info(a).version()).orElse("none"));
        return OK;
    }
}
