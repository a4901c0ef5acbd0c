package org.openami.concentrator.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.MetaTypeService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ami concentrator}: the data concentrator as a standalone gateway, its bundles in an
 * embedded Equinox instead of Eclipse Kura.
 *
 * <p>Run mode ({@code --config FILE}): boots the framework with the bundle set, checks the
 * configuration file against the bundles' Metatype, applies it through ConfigAdmin, and only
 * then starts the Declarative Services runtime (so a bad file is refused before any component
 * runs, and components start once, with their configuration); prints the bundle and
 * component status, then runs until Ctrl-C or SIGTERM (a shutdown hook stops the
 * framework cleanly), printing a status line every {@code --status-interval}.
 *
 * <p>{@code --check} only validates the file (exit 0 or 2); {@code --list-metatype} prints
 * every configurable property. Both bring the bundles up without the Declarative Services
 * runtime, in a temporary framework storage, so no component runs and the data directory is
 * not touched.
 *
 * <p>Exit codes: 0 success (or clean stop), 1 the bundle set or the framework failed (the
 * message names each bundle and its unresolved requirement), 2 bad command line or bad
 * configuration file (a one-line reason first, then every problem).
 *
 * <p>One instance runs once. {@link #requestStop} may be called from any thread.
 */
@Command(name = "concentrator", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the data concentrator's OSGi bundles in an embedded Equinox (without Kura),"
                + " configured from a JSON file through ConfigAdmin.")
public final class ConcentratorCommand implements Callable<Integer> {

    private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(30);

    @Option(names = "--config", paramLabel = "FILE",
            description = "JSON configuration file: {\"configurations\":[{\"pid\":...,\"properties\":{...}}]}")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "framework storage and ConfigAdmin's saved configurations (default: ${DEFAULT-VALUE})")
    Path dataDir = Path.of("concentrator-data");

    @Option(names = "--bundles", paramLabel = "DIR",
            description = "the runtime bundle set (default: launcher/target/bundles of the build, or -D"
                    + BundleDirectory.PROPERTY + ")")
    Path bundles;

    @Option(names = "--status-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "print a status line this often while running, 0 for never (default: ${DEFAULT-VALUE})")
    Duration statusInterval = Duration.ofSeconds(10);

    @Option(names = "--list-metatype", description = "print every configurable PID and property of the bundles, then exit")
    boolean listMetatype;

    @Option(names = "--check", description = "only check the configuration file against the bundles' Metatype; exit 0 if good, 2 if not")
    boolean check;

    @Spec
    CommandSpec spec;

    private final CountDownLatch running = new CountDownLatch(1);
    private volatile EmbeddedFramework framework;

    /** Held so the level set in {@link #main} stays (java.util.logging keeps loggers weakly). */
    private static final java.util.logging.Logger SPIFLY_LOG = java.util.logging.Logger.getLogger("org.apache.aries.spifly");

    public static void main(String[] args) {
        // SPI Fly reports each woven provider at INFO through java.util.logging; keep the console for the gateway
        SPIFLY_LOG.setLevel(java.util.logging.Level.WARNING);
        System.exit(new CommandLine(new ConcentratorCommand()).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (config == null && !listMetatype) {
            err.println("ami concentrator: --config FILE is needed (or --list-metatype)");
            return 2;
        }
        ConfigFile file = null;
        if (config != null) {
            try {
                file = ConfigFile.load(config);
            } catch (ConfigFileException e) {
                return badConfig(err, e);
            }
        }
        Path bundleDir = bundles != null ? bundles : BundleDirectory.defaultDirectory();
        List<Path> jars;
        try {
            jars = BundleDirectory.jars(bundleDir);
        } catch (NoSuchFileException e) {
            err.println("ami concentrator: bundle directory " + bundleDir + ": " + e.getReason());
            return 1;
        } catch (IOException e) {
            err.println("ami concentrator: bundle directory " + bundleDir + ": " + e.getMessage());
            return 1;
        }
        if (check || listMetatype) {
            Path scratch = Files.createTempDirectory("ami-concentrator-check");
            try {
                return inspect(jars, scratch, file, out, err);
            } finally {
                deleteRecursively(scratch);
            }
        }
        return run(jars, file, out, err);
    }

    /** --check and --list-metatype: bundles up without the component runtime, then down. */
    private int inspect(List<Path> jars, Path scratch, ConfigFile file, PrintWriter out, PrintWriter err)
            throws IOException, InterruptedException {
        try (EmbeddedFramework fw = EmbeddedFramework.builder().dataDirectory(scratch).bundles(jars)
                .startComponentRuntime(false).start()) {
            MetatypeReport report = MetatypeReport.collect(fw.bundles(), fw.service(MetaTypeService.class, SERVICE_TIMEOUT));
            if (listMetatype) {
                report.print(out);
            }
            if (file != null) {
                ConfigFile typed = report.check(file);
                out.println(file.source() + ": OK, " + typed.entries().size()
                        + " configurations match the bundles' Metatype");
            }
            out.flush();
            return 0;
        } catch (ConfigFileException e) {
            return badConfig(err, e);
        } catch (BundleSetException e) {
            err.println("ami concentrator: " + e.getMessage());
            return 1;
        } catch (TimeoutException e) {
            err.println("ami concentrator: " + e.getMessage());
            return 1;
        }
    }

    /** Run mode: until the framework stops (shutdown hook, or {@link #requestStop}). */
    private int run(List<Path> jars, ConfigFile file, PrintWriter out, PrintWriter err)
            throws IOException, InterruptedException {
        EmbeddedFramework fw;
        try {
            // components start only once the checked configuration is in ConfigAdmin
            fw = EmbeddedFramework.builder().dataDirectory(dataDir).bundles(jars).startComponentRuntime(false).start();
        } catch (BundleSetException e) {
            err.println("ami concentrator: " + e.getMessage());
            return 1;
        }
        framework = fw;
        Thread hook = new Thread(fw::stop, "ami-concentrator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ScheduledExecutorService timer = null;
        try {
            MetatypeReport report = MetatypeReport.collect(fw.bundles(), fw.service(MetaTypeService.class, SERVICE_TIMEOUT));
            ConfigFile typed = report.check(file);
            ApplyResult applied = new ConfigApplier(fw.service(ConfigurationAdmin.class, SERVICE_TIMEOUT)).apply(typed.entries());
            out.println("data directory " + fw.dataDirectory());
            out.println("configuration " + file.source() + ": " + applied.summary());
            fw.startComponentRuntime();
            ServiceComponentRuntime scr = fw.service(ServiceComponentRuntime.class, SERVICE_TIMEOUT);
            settledStatus(fw, scr).print(out, true);
            out.println("running; Ctrl-C or SIGTERM stops the gateway");
            out.flush();
            running.countDown();
            if (!statusInterval.isZero()) {
                timer = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "ami-concentrator-status");
                    t.setDaemon(true);
                    return t;
                });
                long every = statusInterval.toMillis();
                timer.scheduleWithFixedDelay(() -> printStatus(fw, scr, out), every, every, TimeUnit.MILLISECONDS);
            }
            fw.awaitStop();
            out.println("stopped");
            out.flush();
            return 0;
        } catch (ConfigFileException e) {
            return badConfig(err, e);
        } catch (TimeoutException | BundleSetException e) {
            err.println("ami concentrator: " + e.getMessage());
            return 1;
        } finally {
            if (timer != null) {
                timer.shutdownNow();
            }
            fw.stop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: nothing to remove
            }
            running.countDown();
        }
    }

    private static void printStatus(EmbeddedFramework fw, ServiceComponentRuntime scr, PrintWriter out) {
        try {
            new GatewayStatus(fw.bundles(), ComponentStatus.read(scr)).print(out, false);
        } catch (RuntimeException e) {
            // the framework is stopping; the next tick (if any) tries again
        }
    }

    /**
     * The status once components have had a moment to react to the new configuration: read
     * until two reads 200 ms apart agree, at most 3 s.
     */
    private static GatewayStatus settledStatus(EmbeddedFramework fw, ServiceComponentRuntime scr)
            throws InterruptedException {
        List<ComponentStatus> previous = ComponentStatus.read(scr);
        for (int i = 0; i < 15; i++) {
            Thread.sleep(200);
            List<ComponentStatus> now = ComponentStatus.read(scr);
            if (now.equals(previous)) {
                break;
            }
            previous = now;
        }
        return new GatewayStatus(fw.bundles(), previous);
    }

    private static int badConfig(PrintWriter err, ConfigFileException e) {
        err.println("ami concentrator: bad configuration file " + e.getMessage());
        if (e.problems().size() > 1) {
            for (String problem : e.problems()) {
                err.println("  - " + problem);
            }
        }
        err.flush();
        return 2;
    }

    /**
     * Waits until the gateway runs (configuration applied, status printed) or has ended.
     *
     * @return true if it got there within the timeout
     */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops a running gateway as the shutdown hook would; {@link #call} then returns 0. */
    public void requestStop() {
        EmbeddedFramework fw = framework;
        if (fw != null) {
            fw.stop();
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
