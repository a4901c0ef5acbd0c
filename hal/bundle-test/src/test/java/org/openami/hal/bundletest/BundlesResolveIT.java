package org.openami.hal.bundletest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Boots a real Equinox framework (the one Eclipse Kura runs on), installs the HAL and
 * simulator bundles with their runtime dependencies exactly as built, and checks that every
 * one resolves and starts and that the driver bundle is wired to the API bundle.
 */
class BundlesResolveIT {

    private static Framework framework;
    private static final Map<String, Bundle> bySymbolicName = new HashMap<>();

    @BeforeAll
    static void boot() throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, System.getProperty("osgi.storage", "target/osgi-storage"));
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        BundleContext ctx = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : bundleJars()) {
            installed.add(ctx.installBundle(jar.toUri().toString()));
        }
        for (Bundle b : installed) {
            bySymbolicName.put(b.getSymbolicName(), b);
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                try {
                    b.start();
                } catch (BundleException e) {
                    throw new AssertionError("bundle " + b.getSymbolicName() + " did not start: " + e.getMessage(), e);
                }
            }
        }
    }

    @AfterAll
    static void shutdown() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    private static List<Path> bundleJars() throws IOException {
        Path dir = Path.of(System.getProperty("bundles.dir", "target/bundles"));
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    @Test
    void every_project_bundle_and_dependency_is_active() {
        assertThat(bySymbolicName).containsKeys("org.openami.ami-hal-api", "org.openami.ami-hal-drivers",
                "org.openami.ami-sim-chips", "org.openami.ami-sim-pi4j", "org.openami.ami-sim-serial",
                "pi4j-core", "com.fazecast.jSerialComm");
        for (Bundle b : bySymbolicName.values()) {
            assertThat(b.getState()).as("state of %s", b.getSymbolicName()).isEqualTo(Bundle.ACTIVE);
        }
    }

    @Test
    void driver_bundle_loads_its_classes_through_the_api_bundle() throws Exception {
        Bundle drivers = bySymbolicName.get("org.openami.ami-hal-drivers");
        Class<?> relay = drivers.loadClass("org.openami.hal.driver.gpio.GpioRelay");
        Class<?> relayApi = bySymbolicName.get("org.openami.ami-hal-api").loadClass("org.openami.hal.relay.Relay");
        assertThat(relayApi).isAssignableFrom(relay);

        var wires = drivers.adapt(BundleWiring.class).getRequiredWires("osgi.wiring.package");
        assertThat(wires).anySatisfy(w -> {
            assertThat(w.getCapability().getAttributes().get("osgi.wiring.package")).isEqualTo("org.openami.hal.metering");
            assertThat(w.getProvider().getBundle().getSymbolicName()).isEqualTo("org.openami.ami-hal-api");
        });
    }

    @Test
    void hal_api_code_runs_inside_the_framework() throws Exception {
        Class<?> acc = bySymbolicName.get("org.openami.ami-hal-api").loadClass("org.openami.hal.metering.EnergyAccumulator");
        Object instance = acc.getConstructor(long.class).newInstance(1_000_000L);
        assertThat(acc.getMethod("nanoUnitsPerCount").invoke(instance)).isEqualTo(1_000_000L);
    }
}
