package org.openami.concentrator.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeoutException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.util.tracker.ServiceTracker;

/**
 * An Equinox framework (the one Eclipse Kura runs on) embedded in this JVM, with a bundle
 * set installed, resolved and started.
 *
 * <p>Layout of the data directory: {@code osgi/} is the framework's storage, wiped at every
 * start so the installed bundles are always exactly the jars given; {@code config/} holds
 * ConfigAdmin's persisted configurations (Felix ConfigAdmin's {@code felix.cm.dir}) and
 * survives restarts. The data directory's absolute path is published to the bundles as the
 * framework property {@value #DATA_DIR_PROPERTY}.
 *
 * <p>Start order: the ServiceLoader mediator (Aries SPI Fly, so slf4j 2.x finds its provider
 * through a woven ServiceLoader) first, then every other bundle, and the Declarative Services
 * runtime last, so components activate once everything they may use is active. Fragments are
 * not started. If any bundle fails to install, resolve or start, the framework is stopped and
 * {@link BundleSetException} names each bundle with the framework's reason (the unresolved
 * requirement).
 *
 * <p>Threads: build and start from one thread; {@link #service}, {@link #bundles} and
 * {@link #close} may then be called from any thread; {@code close} is idempotent (a shutdown
 * hook and the main thread may both call it).
 */
public final class EmbeddedFramework implements AutoCloseable {

    /** Framework property holding the absolute path of the data directory. */
    public static final String DATA_DIR_PROPERTY = "org.openami.concentrator.data.dir";

    private static final String SERVICELOADER_PROCESSOR = "osgi.serviceloader.processor";
    private static final String COMPONENT_EXTENDER = "osgi.component";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Framework framework;
    private final Path dataDirectory;
    private final Map<Class<?>, ServiceTracker<?, ?>> trackers = new HashMap<>();
    private final List<Bundle> deferred = new ArrayList<>();
    private boolean closed;

    private EmbeddedFramework(Framework framework, Path dataDirectory) {
        this.framework = framework;
        this.dataDirectory = dataDirectory;
    }

    /** A builder; {@link Builder#dataDirectory} and {@link Builder#bundles} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures and starts an {@link EmbeddedFramework}. Not thread-safe. */
    public static final class Builder {
        private Path dataDirectory;
        private final List<Path> bundles = new ArrayList<>();
        private boolean startComponentRuntime = true;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {
        }

        /** Where the framework keeps its storage and ConfigAdmin its configurations. */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = directory;
            return this;
        }

        /** Bundle jars to install, in addition to any given before. */
        public Builder bundles(Collection<Path> jars) {
            this.bundles.addAll(jars);
            return this;
        }

        /**
         * Whether to start the Declarative Services runtime with the other bundles (default
         * true). Without it the bundles resolve and start but no component activates: used to
         * read Metatype and check a configuration without side effects (no serial port opened,
         * no file written), or to put configurations in place before any component starts
         * ({@link EmbeddedFramework#startComponentRuntime()} starts it later).
         */
        public Builder startComponentRuntime(boolean start) {
            this.startComponentRuntime = start;
            return this;
        }

        /** An extra framework property, visible to bundles through {@code BundleContext.getProperty}. */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /**
         * Boots the framework and brings the bundle set up. Blocks until every bundle is
         * started (components may still be activating).
         *
         * @throws BundleSetException if a bundle could not be installed, resolved or started
         *         (the framework is stopped)
         * @throws IOException if the data directory cannot be created
         */
        public EmbeddedFramework start() throws BundleSetException, IOException {
            if (dataDirectory == null) {
                throw new IllegalStateException("no data directory");
            }
            if (bundles.isEmpty()) {
                throw new IllegalStateException("no bundles");
            }
            Path data = dataDirectory.toAbsolutePath().normalize();
            Path storage = Files.createDirectories(data.resolve("osgi"));
            Path config = Files.createDirectories(data.resolve("config"));

            Map<String, String> conf = new HashMap<>();
            conf.put(Constants.FRAMEWORK_STORAGE, storage.toString());
            conf.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
            conf.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, HostPackages.systemPackagesExtra());
            conf.put("felix.cm.dir", config.toString());
            conf.put(DATA_DIR_PROPERTY, data.toString());
            // keep framework settings out of the JVM's system properties (tests boot several frameworks)
            conf.put("osgi.framework.useSystemProperties", "false");
            conf.putAll(properties);

            Framework framework = frameworkFactory().newFramework(conf);
            try {
                framework.start();
            } catch (BundleException e) {
                throw new BundleSetException("the OSGi framework did not start",
                        List.of(new BundleProblem("system bundle", "", "org.eclipse.osgi", String.valueOf(e.getMessage()))));
            }
            EmbeddedFramework embedded = new EmbeddedFramework(framework, data);
            try {
                embedded.bringUp(bundles, startComponentRuntime);
            } catch (BundleSetException | RuntimeException e) {
                embedded.close();
                throw e;
            }
            return embedded;
        }
    }

    private static FrameworkFactory frameworkFactory() {
        Iterator<FrameworkFactory> factories = ServiceLoader.load(FrameworkFactory.class).iterator();
        if (!factories.hasNext()) {
            throw new IllegalStateException("no OSGi framework on the classpath (org.eclipse.osgi is needed)");
        }
        return factories.next();
    }

    private void bringUp(List<Path> jars, boolean startComponentRuntime) throws BundleSetException {
        BundleContext ctx = framework.getBundleContext();
        List<BundleProblem> problems = new ArrayList<>();
        Map<Bundle, Path> installed = new LinkedHashMap<>();
        for (Path jar : jars) {
            try {
                installed.put(ctx.installBundle(jar.toUri().toString()), jar);
            } catch (BundleException e) {
                problems.add(new BundleProblem(jar.getFileName().toString(), "", jar.getFileName().toString(),
                        "not installed: " + e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new BundleSetException("some bundles could not be installed:", problems);
        }

        framework.adapt(FrameworkWiring.class).resolveBundles(installed.keySet());
        for (Map.Entry<Bundle, Path> e : installed.entrySet()) {
            Bundle b = e.getKey();
            if (b.getState() != Bundle.INSTALLED) {
                continue;
            }
            String reason = unresolvedReason(b);
            if (reason != null) {
                problems.add(problem(b, e.getValue(), reason));
            }
        }
        if (!problems.isEmpty()) {
            throw new BundleSetException("some bundles did not resolve:", problems);
        }

        List<Bundle> order = new ArrayList<>(installed.keySet());
        order.removeIf(EmbeddedFramework::isFragment);
        order.sort(Comparator.comparingInt(EmbeddedFramework::startRank));
        for (Bundle b : order) {
            if (!startComponentRuntime && providesExtender(b, COMPONENT_EXTENDER)) {
                deferred.add(b);
                continue;
            }
            try {
                b.start();
            } catch (BundleException ex) {
                problems.add(problem(b, installed.get(b), "did not start: " + causeChain(ex)));
            }
        }
        if (!problems.isEmpty()) {
            throw new BundleSetException("some bundles did not start:", problems);
        }
    }

    /** The framework's resolution report for a bundle that stayed INSTALLED, or null if it resolves after all. */
    private static String unresolvedReason(Bundle b) {
        if (isFragment(b)) {
            return "fragment not attached to its host (" + b.getHeaders("").get(Constants.FRAGMENT_HOST)
                    + "): the host is missing or a requirement of the fragment is not met";
        }
        try {
            // starting an unresolved bundle makes the framework resolve it again and report why it cannot
            b.start();
            return null;
        } catch (BundleException e) {
            return String.valueOf(e.getMessage());
        }
    }

    private static BundleProblem problem(Bundle b, Path jar, String reason) {
        String name = b.getSymbolicName() != null ? b.getSymbolicName() : jar.getFileName().toString();
        return new BundleProblem(name, b.getVersion().toString(), jar.getFileName().toString(), reason);
    }

    private static String causeChain(Throwable t) {
        StringBuilder sb = new StringBuilder(String.valueOf(t.getMessage()));
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append(System.lineSeparator()).append("caused by ").append(c);
        }
        return sb.toString();
    }

    static boolean isFragment(Bundle b) {
        BundleRevision rev = b.adapt(BundleRevision.class);
        return rev != null && (rev.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    private static int startRank(Bundle b) {
        if (providesExtender(b, SERVICELOADER_PROCESSOR)) {
            return 0;
        }
        if (providesExtender(b, COMPONENT_EXTENDER)) {
            return 2;
        }
        return 1;
    }

    private static boolean providesExtender(Bundle b, String extender) {
        BundleRevision rev = b.adapt(BundleRevision.class);
        if (rev == null) {
            return false;
        }
        for (BundleCapability cap : rev.getDeclaredCapabilities("osgi.extender")) {
            if (extender.equals(cap.getAttributes().get("osgi.extender"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts the Declarative Services runtime held back by
     * {@link Builder#startComponentRuntime(boolean) startComponentRuntime(false)}; does
     * nothing if it already runs. Components then activate with the configurations
     * ConfigAdmin holds.
     *
     * @throws BundleSetException if it does not start (the framework keeps running)
     */
    public void startComponentRuntime() throws BundleSetException {
        List<BundleProblem> problems = new ArrayList<>();
        for (Bundle b : deferred) {
            try {
                b.start();
            } catch (BundleException e) {
                problems.add(new BundleProblem(b.getSymbolicName(), b.getVersion().toString(), b.getLocation(),
                        "did not start: " + causeChain(e)));
            }
        }
        if (!problems.isEmpty()) {
            throw new BundleSetException("the component runtime did not start:", problems);
        }
    }

    /** The system bundle's context: install, find bundles and services. */
    public BundleContext context() {
        return framework.getBundleContext();
    }

    /** The absolute data directory. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Every bundle but the system bundle, by id. */
    public List<Bundle> bundles() {
        List<Bundle> all = new ArrayList<>();
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if (b.getBundleId() != 0) {
                all.add(b);
            }
        }
        return all;
    }

    /**
     * A service of the given type, waiting up to {@code timeout} for it to be registered.
     * The type must be one the launcher shares with the framework (see {@link HostPackages}).
     *
     * @throws TimeoutException if no such service appeared in time
     * @throws InterruptedException if interrupted while waiting
     */
    public <S> S service(Class<S> type, Duration timeout) throws TimeoutException, InterruptedException {
        ServiceTracker<?, ?> tracker;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("framework stopped");
            }
            tracker = trackers.computeIfAbsent(type, t -> {
                ServiceTracker<?, ?> st = new ServiceTracker<>(framework.getBundleContext(), t.getName(), null);
                st.open();
                return st;
            });
        }
        Object service = tracker.waitForService(Math.max(1, timeout.toMillis()));
        if (service == null) {
            throw new TimeoutException("no " + type.getSimpleName() + " service within " + timeout.toSeconds()
                    + " s (is the bundle that provides it in the bundle set?)");
        }
        return type.cast(service);
    }

    /**
     * Blocks until the framework has stopped (by {@link #close} from another thread, for
     * instance a shutdown hook).
     */
    public void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    /**
     * Stops every bundle and the framework, waiting up to 30 s. Idempotent and thread-safe.
     *
     * @return true if the framework stopped in time (or was already stopped)
     */
    public boolean stop() {
        synchronized (this) {
            if (closed) {
                return true;
            }
            closed = true;
            for (ServiceTracker<?, ?> t : trackers.values()) {
                t.close();
            }
            trackers.clear();
        }
        try {
            framework.stop();
            FrameworkEvent event = framework.waitForStop(STOP_TIMEOUT.toMillis());
            return event.getType() != FrameworkEvent.WAIT_TIMEDOUT;
        } catch (BundleException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Same as {@link #stop}. */
    @Override
    public void close() {
        stop();
    }
}
