package org.openami.meter.update.slots;

import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.openami.meter.update.FirmwareManifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real start-up health check: runs
 * {@code java -cp <slot>/app/* <main-class> <health-check args>} in the slot directory and
 * calls the firmware healthy if it exits with code 0 within the timeout (default 60 s).
 * Standard output and error are merged; the last {@value #TAIL_LINES} lines go into the
 * result detail. On timeout or interruption the process and its descendants are killed
 * forcibly (and the interrupt status is kept). Never throws: a JVM that cannot be started is
 * an unhealthy result.
 *
 * <p>The main class and arguments come from a verified manifest, and the arguments follow the
 * main class, so a package cannot pass options to the JVM. The timeout is measured with the
 * monotonic clock of {@link Process#waitFor(long, TimeUnit)}, not with wall-clock time.
 * Thread-safe; {@link #check} blocks up to the timeout plus a few seconds for clean-up.
 */
public final class ProcessHealthCheck implements HealthCheck {

    /** Default time a health check may take. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** Output lines kept for the result. */
    public static final int TAIL_LINES = 20;

    private static final Logger LOG = LoggerFactory.getLogger(ProcessHealthCheck.class);
    private static final int MAX_LINE_CHARS = 500;
    private static final long CLEANUP_SECONDS = 5;

    private final Duration timeout;
    private final Path java;

    /** A check with the default timeout and the running JVM's {@code java}. */
    public ProcessHealthCheck() {
        this(DEFAULT_TIMEOUT);
    }

    /** A check with the given timeout and the running JVM's {@code java}. */
    public ProcessHealthCheck(Duration timeout) {
        this(timeout, currentJava());
    }

    /**
     * @param timeout how long the check may run
     * @param java    the {@code java} executable to start
     */
    public ProcessHealthCheck(Duration timeout, Path java) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the health-check timeout must be positive");
        }
        this.timeout = timeout;
        this.java = Objects.requireNonNull(java, "java");
    }

    /** {@code $java.home/bin/java} if it exists, else the command that started this process, else {@code java}. */
    public static Path currentJava() {
        String exe = File.separatorChar == '\\' ? "java.exe" : "java";
        Path home = Path.of(System.getProperty("java.home"), "bin", exe);
        if (Files.isExecutable(home)) {
            return home;
        }
        return ProcessHandle.current().info().command().map(Path::of).orElse(Path.of(exe));
    }

    /** The timeout. */
    public Duration timeout() {
        return timeout;
    }

    /** The command line for a slot (for logs and tests). */
    public List<String> command(Path slotDir, FirmwareManifest manifest) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.add("-cp");
        cmd.add(slotDir.toAbsolutePath().resolve("app") + File.separator + "*");
        cmd.add(manifest.mainClass());
        cmd.addAll(manifest.healthCheckArgs());
        return cmd;
    }

    @Override
    public HealthResult check(Path slotDir, FirmwareManifest manifest) {
        List<String> cmd = command(slotDir, manifest);
        LOG.info("health check of {} {}: {}", manifest.product(), manifest.version(), cmd);
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(slotDir.toFile()).redirectErrorStream(true).start();
        } catch (IOException | RuntimeException e) {
            return HealthResult.unhealthy("could not start " + java + ": " + e.getMessage());
        }
        OutputTail tail = new OutputTail(TAIL_LINES, MAX_LINE_CHARS);
        Thread reader = new Thread(() -> tail.consume(p.getInputStream(), Charset.defaultCharset()),
                "health-check-output-" + p.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            p.getOutputStream().close();
        } catch (IOException e) {
            // the child does not read its input anyway
        }
        HealthResult result = await(p, tail, reader);
        LOG.info("health check of {} {}: {}", manifest.product(), manifest.version(),
                result.healthy() ? "healthy" : "unhealthy: " + result.detail());
        return result;
    }

    private HealthResult await(Process p, OutputTail tail, Thread reader) {
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                reader.join(TimeUnit.SECONDS.toMillis(CLEANUP_SECONDS));
                return HealthResult.unhealthy("no exit within " + format(timeout) + ", killed" + output(tail));
            }
            reader.join(TimeUnit.SECONDS.toMillis(CLEANUP_SECONDS));
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            return HealthResult.unhealthy("interrupted, killed" + output(tail));
        }
        int code = p.exitValue();
        return code == 0 ? HealthResult.healthy("exit code 0" + output(tail))
                : HealthResult.unhealthy("exit code " + code + output(tail));
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            if (!p.waitFor(CLEANUP_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("health-check process {} did not die within {} s of being killed", p.pid(), CLEANUP_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String output(OutputTail tail) {
        String s = tail.summary();
        return s.isEmpty() ? "; no output" : "; last output: " + s;
    }

    private static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
