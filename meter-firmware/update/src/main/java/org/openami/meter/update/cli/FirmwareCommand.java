package org.openami.meter.update.cli;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code firmware} command: {@code keygen}, {@code pack}, {@code verify}, {@code install},
 * {@code status} and {@code rollback}. Runs stand-alone through {@link #main} or as a
 * subcommand of another picocli command ({@code parent.addSubcommand(new FirmwareCommand())},
 * giving {@code ./ami meter firmware ...}).
 *
 * <p>Exit codes: 0 success (package OK, install committed), 1 refused / rolled back / error
 * (one line on standard error, no stack trace), 2 bad command line (picocli's message and
 * usage). Output goes to the {@link CommandLine}'s out and err writers. Each execution blocks
 * until done; an instance is not meant to run two executions at once.
 */
@Command(name = "firmware", mixinStandardHelpOptions = true, version = "ami firmware 0.1.0",
        description = "Signed meter firmware packages: keys, packing, verification, A/B install with health check.",
        subcommands = {KeygenCommand.class, PackCommand.class, VerifyCommand.class, InstallCommand.class,
            StatusCommand.class, RollbackCommand.class})
public final class FirmwareCommand implements Runnable {

    private final Clock clock;
    private final SecureRandom random;

    @Spec
    private CommandSpec spec;

    /** Uses the system UTC clock and a default {@link SecureRandom}. */
    public FirmwareCommand() {
        this(Clock.systemUTC(), new SecureRandom());
    }

    /**
     * @param clock  the time for default build times and for state timestamps
     * @param random the entropy source for {@code keygen}
     */
    public FirmwareCommand(Clock clock, SecureRandom random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new FirmwareCommand()).execute(args));
    }

    /** Called without a subcommand: a usage error. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    Clock clock() {
        return clock;
    }

    SecureRandom random() {
        return random;
    }
}
