package org.openami.cloud.broker;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@code mosquitto} binary (Mosquitto 2.x) as a child process.
 *
 * <p>Each {@link #start()} writes {@code dataDir/mosquitto.conf} (see {@link MosquittoConfig}):
 * a TLS 1.3 listener on {@code host:tlsPort} that requires a client certificate chaining to
 * {@link TlsFiles#caPem()} and uses its CN as the user name, an optional anonymous plaintext
 * listener, persistence in the data directory (saved every second and on a clean stop), the
 * queue bound and a packet limit of {@link BrokerSettings#MAX_PACKET_BYTES}. Mosquitto logs to
 * {@code dataDir/mosquitto.log}; what it prints before its log is open goes to
 * {@code dataDir/mosquitto.out}. {@link #start()} returns once every listener accepts TCP
 * connections, or fails with the last log lines.
 *
 * <p>{@link #stop()} sends SIGTERM and waits for mosquitto to save its state and exit;
 * {@link #kill()} sends SIGKILL (state since the last autosave is lost), for crash tests.
 * A JVM shutdown hook terminates a broker that is still running when the JVM exits.
 * When the JVM runs as root, mosquitto keeps running as root instead of switching to the
 * {@code mosquitto} account, so it can read the files it is given.
 */
public final class MosquittoBroker extends AbstractBroker {

    private static final Logger LOG = LoggerFactory.getLogger(MosquittoBroker.class);
    private static final long START_TIMEOUT_MILLIS = 30_000;
    private static final long STOP_TIMEOUT_SECONDS = 30;
    private static final int BIND_ATTEMPTS = 3;
    private static final int LOG_LINES = 15;
    private static final List<Path> WELL_KNOWN = List.of(
            Path.of("/usr/sbin/mosquitto"), Path.of("/usr/local/sbin/mosquitto"),
            Path.of("/opt/homebrew/sbin/mosquitto"), Path.of("/usr/local/opt/mosquitto/sbin/mosquitto"));

    private final Path executable;
    private Process process;
    private Thread shutdownHook;

    /**
     * Uses the {@code mosquitto} found by {@link #findExecutable()}; {@link #start()} fails if there is none.
     *
     * @param settings how to run
     */
    public MosquittoBroker(BrokerSettings settings) {
        this(settings, null);
    }

    /**
     * @param settings how to run
     * @param executable the mosquitto binary, or null to look for one at start
     */
    public MosquittoBroker(BrokerSettings settings, Path executable) {
        super(settings);
        this.executable = executable;
    }

    /**
     * Looks for the mosquitto binary on {@code PATH}, then in {@code /usr/sbin},
     * {@code /usr/local/sbin} and Homebrew's locations (Debian installs it in {@code /usr/sbin},
     * which is often not on a user's {@code PATH}).
     *
     * @return the first executable found
     */
    public static Optional<Path> findExecutable() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "mosquitto"));
                }
            }
        }
        candidates.addAll(WELL_KNOWN);
        return candidates.stream().filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
    }

    @Override
    public synchronized void start() throws BrokerException {
        if (process != null && process.isAlive()) {
            return;
        }
        release();
        Path binary = executable != null ? executable : findExecutable().orElseThrow(() -> new BrokerException(
                "mosquitto is not installed: not found on PATH nor in " + WELL_KNOWN));
        if (!Files.isExecutable(binary)) {
            throw new BrokerException("mosquitto binary " + binary + " is not executable");
        }
        TlsFiles tls = settings.tls();
        TlsFileCheck.readable(tls.caPem(), "caPem");
        TlsFileCheck.readable(tls.serverCertPem(), "serverCertPem");
        TlsFileCheck.readable(tls.serverKeyPem(), "serverKeyPem");
        for (int attempt = 1; ; attempt++) {
            ports.resolve();
            try {
                launch(binary);
                ports.confirm();
                LOG.info("mosquitto (pid {}) listening on {}{}", process.pid(), tlsUri(),
                        ports.plain() > 0 ? " and " + plainUri() : "");
                return;
            } catch (PortNotBound e) {
                if (!ports.canRepick() || attempt >= BIND_ATTEMPTS) {
                    throw new BrokerException(ListenerPorts.inUse(settings.host(), e.port));
                }
                LOG.debug("port {} was taken before mosquitto bound it, picking another", e.port);
                ports.repick();
            }
        }
    }

    private void launch(Path binary) throws BrokerException, PortNotBound {
        Path dataDir = settings.dataDir().toAbsolutePath();
        Path conf = dataDir.resolve("mosquitto.conf");
        Path log = dataDir.resolve(MosquittoConfig.LOG_FILE);
        Path out = dataDir.resolve("mosquitto.out");
        long logFrom;
        long outFrom;
        try {
            Files.createDirectories(dataDir);
            String text = MosquittoConfig.render(settings, ports.tls(), ports.plain(), System.getProperty("user.name"));
            Files.writeString(conf, text, StandardCharsets.UTF_8);
            logFrom = Files.exists(log) ? Files.size(log) : 0;
            outFrom = Files.exists(out) ? Files.size(out) : 0;
        } catch (IOException e) {
            throw new BrokerException("cannot write the mosquitto configuration under " + dataDir + ": " + e.getMessage(), e);
        }
        Process started;
        try {
            started = new ProcessBuilder(binary.toString(), "-c", conf.toString())
                    .directory(dataDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(out.toFile()))
                    .redirectInput(Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new BrokerException("cannot run " + binary + ": " + e.getMessage(), e);
        }
        process = started;
        shutdownHook = new Thread(started::destroy, "mosquitto-shutdown-" + started.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            awaitListeners(started, log, logFrom, out, outFrom);
        } catch (BrokerException | PortNotBound | RuntimeException e) {
            started.destroyForcibly();
            waitQuietly(started, STOP_TIMEOUT_SECONDS);
            release();
            throw e;
        }
    }

    private void awaitListeners(Process started, Path log, long logFrom, Path out, long outFrom)
            throws BrokerException, PortNotBound {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        while (true) {
            if (!started.isAlive()) {
                List<String> lines = new ArrayList<>(LogTail.lastLines(log, logFrom, LOG_LINES));
                lines.addAll(LogTail.lastLines(out, outFrom, LOG_LINES));
                if (lines.stream().anyMatch(l -> l.contains("Address already in use"))) {
                    int taken = takenPort();
                    throw new PortNotBound(taken != 0 ? taken : ports.tls());
                }
                throw new BrokerException("mosquitto exited with code " + started.exitValue() + " while starting"
                        + LogTail.describe(log, logFrom, LOG_LINES) + LogTail.describe(out, outFrom, LOG_LINES));
            }
            boolean up = ListenerPorts.accepts(settings.host(), ports.tls(), 500)
                    && (ports.plain() <= 0 || ListenerPorts.accepts(settings.host(), ports.plain(), 500));
            if (up) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new BrokerException("mosquitto did not accept connections on " + settings.host() + " port "
                        + ports.tls() + (ports.plain() > 0 ? " and " + ports.plain() : "") + " within "
                        + START_TIMEOUT_MILLIS / 1000 + " s" + LogTail.describe(log, logFrom, LOG_LINES)
                        + LogTail.describe(out, outFrom, LOG_LINES));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BrokerException("interrupted while mosquitto was starting", e);
            }
        }
    }

    /** Sends SIGTERM and waits until mosquitto has saved its state and exited. */
    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Process running = process;
        if (running.isAlive()) {
            running.destroy();
            if (!waitQuietly(running, STOP_TIMEOUT_SECONDS)) {
                LOG.warn("mosquitto (pid {}) did not exit {} s after SIGTERM, killing it", running.pid(),
                        STOP_TIMEOUT_SECONDS);
                running.destroyForcibly();
                waitQuietly(running, STOP_TIMEOUT_SECONDS);
            }
            LOG.info("mosquitto (pid {}) stopped", running.pid());
        } else {
            LOG.warn("mosquitto (pid {}) had already exited with code {}", running.pid(), running.exitValue());
        }
        release();
    }

    /**
     * Sends SIGKILL and waits for the process to end: no state is saved beyond the last
     * autosave. For crash tests. Does nothing if the broker is not running.
     */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        Process running = process;
        running.destroyForcibly();
        waitQuietly(running, STOP_TIMEOUT_SECONDS);
        LOG.info("mosquitto (pid {}) killed", running.pid());
        release();
    }

    private void release() {
        process = null;
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs anyway
            }
            shutdownHook = null;
        }
    }

    private static boolean waitQuietly(Process p, long seconds) {
        try {
            return p.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }

    @Override
    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    /** @return the process id of the running mosquitto, or -1 */
    public synchronized long pid() {
        return running() ? process.pid() : -1;
    }
}
