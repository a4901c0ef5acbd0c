package org.openami.meter.update.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.openami.meter.update.slots.FirmwareSlots;
import org.openami.meter.update.slots.Slot;
import org.openami.meter.update.slots.SlotState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code firmware status --install-dir DIR}. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Shows the slots, the anti-rollback floor and the last result.")
final class StatusCommand extends FirmwareSubcommand {

    @Option(names = "--install-dir", required = true, paramLabel = "DIR", description = "install directory")
    Path installDir;

    @Override
    int run() throws IOException {
        SlotState s = new FirmwareSlots(installDir, parent.clock()).state();
        out().println("install dir: " + installDir);
        out().println("active:      " + s.active().map(a -> a + " " + s.info(a).version()).orElse("none"));
        out().println("trial:       " + s.trial().map(t -> t + " " + s.info(t).version() + ", " + s.trialBootAttempts()
                + " boot attempt(s) used").orElse("none"));
        for (Slot slot : Slot.values()) {
            out().println(slot + ":      " + s.info(slot) + (s.info(slot).since() == null ? "" : " since " + s.info(slot).since()));
        }
        out().println("highest:     " + s.highest().map(Object::toString).orElse("none"));
        out().println("last:        " + s.lastResult().map(Object::toString).orElse("none"));
        return OK;
    }
}
