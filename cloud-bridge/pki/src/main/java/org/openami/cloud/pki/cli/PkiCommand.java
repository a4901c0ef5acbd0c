package org.openami.cloud.pki.cli;

import java.time.Clock;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ami pki}: the project CA without openssl. Subcommands: {@code init} (create the CA),
 * {@code request} (key and CSR, on the concentrator), {@code issue} (a certificate from a CSR),
 * {@code server} (a broker's key and certificate in one step) and {@code show} (what a PEM file
 * holds).
 *
 * <p>Exit codes: 0 success; 2 bad input (a bad option, a refused request, a missing or damaged
 * file, a file that would be overwritten), with one line on standard error naming the problem;
 * 1 anything else (a disk error). No stack traces. Output goes to the {@link CommandLine}'s out
 * and err writers.
 */
@Command(name = "pki", mixinStandardHelpOptions = true, version = "ami pki 0.1.0",
        description = "The project certificate authority: CA, concentrator and broker certificates (TLS 1.3, mutual X.509).",
        subcommands = {InitCommand.class, RequestCommand.class, IssueCommand.class, ServerCommand.class, ShowCommand.class})
public final class PkiCommand implements Runnable {

    private final Clock clock;

    @Spec
    CommandSpec spec;

    /** Uses the system UTC clock. */
    public PkiCommand() {
        this(Clock.systemUTC());
    }

    /** @param clock the time of issuance and of validity checks in {@code show} */
    public PkiCommand(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A command line whose usage errors print one line (the problem and a pointer to --help)
     * instead of picocli's message followed by the whole usage text.
     */
    public static CommandLine commandLine(PkiCommand command) {
        CommandLine cl = new CommandLine(command);
        cl.setParameterExceptionHandler((e, args) -> {
            String sub = e.getCommandLine().getCommandName();
            e.getCommandLine().getErr().println("pki" + ("pki".equals(sub) ? "" : " " + sub) + ": " + e.getMessage()
                    + " (--help for usage)");
            e.getCommandLine().getErr().flush();
            return 2;
        });
        return cl;
    }

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine(new PkiCommand()).execute(args));
    }

    /** Called without a subcommand: a usage error. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: init, request, issue, server or show");
    }

    Clock clock() {
        return clock;
    }
}
