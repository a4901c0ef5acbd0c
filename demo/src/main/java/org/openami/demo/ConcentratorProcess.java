package org.openami.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The concentrator as {@code ./ami concentrator} runs it: its OSGi bundle set in an embedded
 * Equinox, in a child JVM, configured from a file. Everything the child prints goes to a log
 * file; one thread copies it there and watches for two lines: the collector starting on
 * simulated time (its clock's anchor, the moment simulated time starts for the concentrator)
 * and the gateway's status summary.
 *
 * <p>{@link #stop} is a graceful stop: SIGTERM (the gateway's shutdown hook stops the framework,
 * which deactivates the uplink, the collector and the store in order), then a forced kill only if
 * it does not end in time. Thread-safe.
 */
public final class ConcentratorProcess implements AutoCloseable {

    static final String MAIN_CLASS = "org.openami.concentrator.launcher.ConcentratorCommand";
    /** The collector's warning when it runs on simulated time; logged as its clock is made. */
    static final String SIMULATED_TIME_MARKER = "runs on SIMULATED time";
    static final String STATUS_PREFIX = "bundles: ";
    private static final int MAX_LINE = 16 * 1024;
    private static final int TAIL_LINES = 15;

    private final Process process;
    private final Thread pump;
    private final CountDownLatch collectorStarted = new CountDownLatch(1);
    private final Deque<String> tail = new ArrayDeque<>();
    private volatile long collectorStartedNanos;
    private volatile String status = "";
    private volatile boolean killed;

    private ConcentratorProcess(Process process, Path log) throws IOException {
        this.process = process;
        BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        this.pump = new Thread(() -> copy(process.getInputStream(), out), "concentrator-output");
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Starts the child JVM.
     *
     * @param layout  where the launcher and its bundles are
     * @param config  the configuration file
     * @param workDir the child's working directory and OSGi storage parent
     * @param log     where its output goes
     * @throws DemoException if the JVM cannot be started
     */
    public static ConcentratorProcess start(ProjectLayout layout, Path config, Path workDir, Path log) throws DemoException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        cmd.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");
        cmd.add("-cp");
        cmd.add(layout.launcher() + java.io.File.pathSeparator + layout.classpath());
        cmd.add(MAIN_CLASS);
        cmd.add("--config");
        cmd.add(config.toString());
        cmd.add("--data-dir");
        cmd.add(workDir.resolve("osgi").toString());
        cmd.add("--bundles");
        cmd.add(layout.bundles().toString());
        try {
            Files.createDirectories(workDir);
            Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            return new ConcentratorProcess(p, log);
        } catch (IOException e) {
            throw new DemoException("cannot start the concentrator JVM: " + e.getMessage(), e);
        }
    }

    /**
     * Waits until the collector started on simulated time; returns the {@link System#nanoTime()}
     * when it did (when its line was read).
     *
     * @throws DemoException if the child ended first or it took longer than {@code timeout},
     *                       with the last lines it printed
     */
    public long awaitCollector(Duration timeout) throws DemoException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!collectorStarted.await(200, TimeUnit.MILLISECONDS)) {
            if (!process.isAlive()) {
                pump.join(2_000);
                throw new DemoException("the concentrator stopped while starting (exit code " + process.exitValue()
                        + "); its last lines:" + System.lineSeparator() + tail());
            }
            if (System.nanoTime() > end) {
                throw new DemoException("the concentrator's collector did not start within " + timeout.toSeconds()
                        + " s; its last lines:" + System.lineSeparator() + tail());
            }
        }
        return collectorStartedNanos;
    }

    /** The gateway's latest status summary ("bundles: 33/33 active; components: 7/7 up"), or empty. */
    public String status() {
        return status;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines the child printed, one per line. */
    public synchronized String tail() {
        return String.join(System.lineSeparator(), tail);
    }

    /**
     * Stops the gateway gracefully: SIGTERM, wait up to {@code timeout}, then kill. Returns its
     * exit code (143 or 0 after a clean SIGTERM stop, 137 after a kill). Idempotent.
     */
    public int stop(Duration timeout) throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killed = true;
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        pump.join(5_000);
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** Whether {@link #stop} had to kill the process (it did not end on SIGTERM in time). */
    public boolean killed() {
        return killed;
    }

    /** {@link #stop} with a 20 s grace period. */
    @Override
    public void close() {
        try {
            stop(Duration.ofSeconds(20));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void copy(InputStream in, BufferedWriter out) {
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8); out) {
            StringBuilder line = new StringBuilder();
            char[] buf = new char[4096];
            int n;
            while ((n = r.read(buf)) >= 0) {
                for (int i = 0; i < n; i++) {
                    char c = buf[i];
                    if (c == '\n') {
                        onLine(line.toString(), out);
                        line.setLength(0);
                    } else if (line.length() < MAX_LINE) {
                        line.append(c);
                    }
                }
                out.flush();
            }
            if (line.length() > 0) {
                onLine(line.toString(), out);
            }
        } catch (IOException e) {
            // the child is gone or the log cannot be written: nothing more to copy
        }
    }

    private void onLine(String line, BufferedWriter out) throws IOException {
        out.write(line);
        out.newLine();
        if (collectorStarted.getCount() > 0 && line.contains(SIMULATED_TIME_MARKER)) {
            collectorStartedNanos = System.nanoTime();
            collectorStarted.countDown();
        }
        String s = line.strip();
        if (s.startsWith(STATUS_PREFIX)) {
            status = s;
        }
        synchronized (this) {
            tail.addLast(line);
            while (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
        }
    }
}
