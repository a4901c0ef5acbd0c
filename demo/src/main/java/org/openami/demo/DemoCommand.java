package org.openami.demo;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ami demo}: the whole system on one machine. Starts the cloud service (embedded
 * PostgreSQL and HiveMQ), simulated DL/T 645 meters (the meter firmware on simulated chips)
 * spread over several virtual RS-485 buses and Modbus meters on one more, and the concentrator
 * in its embedded OSGi runtime in a child JVM; collection runs on simulated time; readings go
 * to the cloud over MQTT with TLS and sealed envelopes. Shows a live console, then writes a
 * JSON report (docs/quickstart.md).
 *
 * <p>Exit codes: 0 every collected reading reached PostgreSQL and nothing was quarantined;
 * 1 it did not, or a part failed; 2 bad arguments (one line says which).
 */
@Command(name = "ami demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The whole system on one machine: the cloud (PostgreSQL, HiveMQ), a concentrator in its OSGi"
                + " runtime, simulated meters on pseudo-terminal RS-485 buses, collection on simulated time, a live"
                + " console and a JSON report (docs/quickstart.md).")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--meters", paramLabel = "N", defaultValue = "24", description = "DL/T 645 meters (default ${DEFAULT-VALUE}).")
    int meters;

    @Option(names = "--buses", paramLabel = "B", defaultValue = "3", description = "RS-485 buses the DL/T 645 meters are spread over (default ${DEFAULT-VALUE}).")
    int buses;

    @Option(names = "--modbus", paramLabel = "M", defaultValue = "2", description = "Modbus RTU meters (SDM630) on one more bus (default ${DEFAULT-VALUE}).")
    int modbus;

    @Option(names = "--minutes", paramLabel = "M", defaultValue = "3", description = "Wall-clock minutes of collection (default ${DEFAULT-VALUE}).")
    int minutes;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "120", description = "Simulated time runs this many times faster (default ${DEFAULT-VALUE}: a quarter hour every 7.5 s).")
    int speed;

    @Option(names = "--start", paramLabel = "ISO", description = "Simulated start, e.g. 2026-11-20T23:40 (Asia/Shanghai) or with an offset (default: 23:40 today in Asia/Shanghai).")
    String start;

    @Option(names = "--report", defaultValue = "demo-report.json", paramLabel = "FILE", description = "Where the JSON report goes (default ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "A new or empty folder for all data and logs (default: a temporary folder, deleted at the end unless --keep).")
    Path dataDir;

    @Option(names = "--keep", description = "Keep the data folder (logs, store, database files) at the end.")
    boolean keep;

    @Option(names = "--plain", description = "No screen redraw: one status line every 5 s (for logs and CI).")
    boolean plain;

    @Spec
    CommandSpec spec;

    private final PrintStream out;
    private final Clock clock;
    private final boolean terminal;

    /** A command printing to standard output, on the system clock; plain output when that is not a terminal. */
    public DemoCommand() {
        this(System.out, Clock.systemUTC(), System.console() != null);
    }

    /**
     * @param out      the console
     * @param clock    the real clock
     * @param terminal whether {@code out} is a terminal that can redraw in place (else {@code --plain} is implied)
     */
    DemoCommand(PrintStream out, Clock clock, boolean terminal) {
        this.out = out;
        this.clock = clock;
        this.terminal = terminal;
    }

    /** logback's configuration for the demo (the other jars bring their own {@code logback.xml}). */
    static final String LOGBACK_CONFIG = "org/openami/demo/logback-demo.xml";

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
        System.exit(commandLine(new DemoCommand()).execute(args));
    }

    /** A command line for {@code command} whose argument errors are one line and exit code 2. */
    public static CommandLine commandLine(DemoCommand command) {
        CommandLine cl = new CommandLine(command);
        cl.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("ami demo: " + e.getMessage() + " (--help lists the options)");
            err.flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            err.println("ami demo: " + e);
            err.flush();
            return 1;
        });
        return cl;
    }

    @Override
    public Integer call() throws Exception {
        DemoOptions options;
        try {
            options = new DemoOptions(meters, buses, modbus, minutes, speed,
                    start == null ? DemoOptions.defaultStart(clock) : DemoOptions.parseStart(start),
                    report, dataDir, keep, plain || !terminal);
            if (dataDir != null) {
                DemoRun.checkDataDir(dataDir);
            }
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        ProjectLayout layout;
        try {
            layout = ProjectLayout.locate();
        } catch (DemoException e) {
            return failed(e.getMessage());
        }
        DemoReport r;
        try {
            r = new DemoRun(options, layout, out, clock).run();
        } catch (DemoException e) {
            return failed(e.getMessage());
        }
        if (r == null) {
            return 1;
        }
        return r.passed() ? 0 : 1;
    }

    private int usage(String message) {
        return say(message, 2);
    }

    private int failed(String message) {
        return say(message, 1);
    }

    private int say(String message, int code) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("ami demo: " + message);
        err.flush();
        return code;
    }
}
