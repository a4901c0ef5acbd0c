package org.openami.concentrator.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.MetaTypeService;

/**
 * The runtime bundle set the build copied to target/bundles, in a real Equinox: every bundle
 * resolves and starts, the OSGi services the launcher uses are there and shared with it, and
 * a bundle that cannot resolve is reported with its unresolved requirement.
 */
class BundleSetIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void every_bundle_of_the_set_resolves_and_starts(@TempDir Path data) throws Exception {
        try (EmbeddedFramework fw = EmbeddedFramework.builder().dataDirectory(data).bundles(TestBundles.runtimeSet()).start()) {
            Map<String, Bundle> bySymbolicName = fw.bundles().stream()
                    .collect(Collectors.toMap(Bundle::getSymbolicName, b -> b, (a, b) -> a));
            assertThat(fw.bundles()).hasSize(TestBundles.runtimeSet().size());
            assertThat(bySymbolicName).containsKeys(
                    "org.apache.felix.scr", "org.apache.felix.configadmin", "org.apache.felix.metatype",
                    "slf4j.api", "slf4j.simple", "org.apache.aries.spifly.dynamic.bundle", "org.objectweb.asm",
                    "org.openami.ami-conc-model", "org.openami.ami-conc-channel", "org.openami.ami-conc-archive");
            for (Bundle b : fw.bundles()) {
                int expected = EmbeddedFramework.isFragment(b) ? Bundle.RESOLVED : Bundle.ACTIVE;
                assertThat(b.getState()).as("state of %s", b.getSymbolicName()).isEqualTo(expected);
            }
        }
    }

    @Test
    void the_services_the_launcher_uses_are_shared_with_it(@TempDir Path data) throws Exception {
        try (EmbeddedFramework fw = EmbeddedFramework.builder().dataDirectory(data).bundles(TestBundles.runtimeSet()).start()) {
            // cast by service(): a ClassCastException here would mean two copies of the API
            assertThat(fw.service(ConfigurationAdmin.class, WAIT).listConfigurations(null)).isNull();
            assertThat(fw.service(MetaTypeService.class, WAIT)).isNotNull();
            assertThat(fw.service(ServiceComponentRuntime.class, WAIT).getComponentDescriptionDTOs()).isNotNull();

            Bundle configAdmin = fw.bundles().stream()
                    .filter(b -> "org.apache.felix.configadmin".equals(b.getSymbolicName())).findFirst().orElseThrow();
            List<BundleWire> wires = configAdmin.adapt(BundleWiring.class).getRequiredWires(BundleRevision.PACKAGE_NAMESPACE);
            assertThat(wires).anySatisfy(w -> {
                assertThat(w.getCapability().getAttributes()).containsEntry(BundleRevision.PACKAGE_NAMESPACE, "org.osgi.service.cm");
                assertThat(w.getProvider().getBundle().getBundleId()).as("exporter of org.osgi.service.cm").isZero();
            });
        }
    }

    @Test
    void every_jar_of_the_set_is_an_osgi_bundle_and_none_carries_the_kura_marker_api() throws Exception {
        List<String> notBundles = new ArrayList<>();
        List<String> kuraExports = new ArrayList<>();
        // read the manifests, no framework needed
        for (Path jar : TestBundles.runtimeSet()) {
            try (var jf = new java.util.jar.JarFile(jar.toFile())) {
                var main = jf.getManifest() == null ? null : jf.getManifest().getMainAttributes();
                if (main == null || main.getValue("Bundle-SymbolicName") == null
                        || !"2".equals(main.getValue("Bundle-ManifestVersion"))) {
                    notBundles.add(jar.getFileName().toString());
                    continue;
                }
                String exports = main.getValue("Export-Package");
                if (exports != null && exports.contains("org.eclipse.kura")) {
                    kuraExports.add(jar.getFileName().toString());
                }
            }
        }
        assertThat(notBundles).as("jars without an OSGi manifest (a dependency's dependencies leaking in?)").isEmpty();
        assertThat(kuraExports).isEmpty();
        assertThat(TestBundles.runtimeSet()).noneMatch(p -> p.getFileName().toString().startsWith("ami-conc-kura-api"));
    }

    @Test
    void without_the_component_runtime_bundles_start_but_no_component_runs(@TempDir Path data) throws Exception {
        try (EmbeddedFramework fw = EmbeddedFramework.builder().dataDirectory(data).bundles(TestBundles.withProbe(data))
                .startComponentRuntime(false).start()) {
            Bundle scr = fw.bundles().stream().filter(b -> "org.apache.felix.scr".equals(b.getSymbolicName()))
                    .findFirst().orElseThrow();
            assertThat(scr.getState()).isEqualTo(Bundle.RESOLVED);
            assertThat(fw.context().getServiceReference(ServiceComponentRuntime.class)).isNull();
            assertThat(fw.service(MetaTypeService.class, WAIT)).isNotNull();
        }
    }

    @Test
    void an_unresolvable_bundle_is_reported_with_its_missing_requirement(@TempDir Path data) throws Exception {
        List<Path> jars = new ArrayList<>(TestBundles.runtimeSet());
        jars.add(ProbeBundle.writeUnresolvable(data.resolve("broken.jar")));
        assertThatThrownBy(() -> EmbeddedFramework.builder().dataDirectory(data.resolve("fw")).bundles(jars).start())
                .isInstanceOfSatisfying(BundleSetException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    BundleProblem p = e.problems().get(0);
                    assertThat(p.symbolicName()).isEqualTo("org.openami.launcher.broken");
                    assertThat(p.version()).isEqualTo("2.0.0");
                    assertThat(p.jar()).isEqualTo("broken.jar");
                    assertThat(p.reason()).contains("Unresolved requirement: Import-Package: org.example.nowhere");
                    assertThat(e.getMessage()).startsWith("some bundles did not resolve:")
                            .contains("org.openami.launcher.broken 2.0.0 (broken.jar):");
                });
    }

    @Test
    void slf4j_finds_its_provider_through_the_service_loader_mediator(@TempDir Path data) throws Exception {
        try (EmbeddedFramework fw = EmbeddedFramework.builder().dataDirectory(data).bundles(TestBundles.runtimeSet()).start()) {
            // slf4j 2 found its provider through SPI Fly: the simple logger, not the no-op fallback
            Bundle api = fw.bundles().stream().filter(b -> "slf4j.api".equals(b.getSymbolicName())).findFirst().orElseThrow();
            Object factory = api.loadClass("org.slf4j.LoggerFactory").getMethod("getILoggerFactory").invoke(null);
            assertThat(factory.getClass().getName()).isEqualTo("org.slf4j.simple.SimpleLoggerFactory");
            List<BundleCapability> extenders = new ArrayList<>();
            for (Bundle b : fw.bundles()) {
                extenders.addAll(b.adapt(BundleRevision.class).getDeclaredCapabilities("osgi.extender"));
            }
            assertThat(extenders).extracting(c -> c.getAttributes().get("osgi.extender"))
                    .contains("osgi.serviceloader.processor", "osgi.component", "osgi.metatype");
        }
    }
}
