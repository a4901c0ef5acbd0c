package org.openami.concentrator.dp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The Kura deployment package the build wrote: a jar whose manifest names the package and
 * lists every bundle it holds (OSGi Deployment Admin format, as Kura's deployment agent reads
 * it), holding the concentrator's bundles and the third-party bundles Kura lacks, nothing Kura
 * ships and never the Kura marker API; and every bundle in it resolves and starts in Equinox
 * next to a Kura-like base set.
 */
class DeploymentPackageIT {

    /** Bundles Kura provides itself: the package must not carry them. */
    private static final List<String> KURA_SHIPS = List.of("org.apache.felix.scr", "org.apache.felix.configadmin",
            "org.apache.felix.metatype", "org.eclipse.equinox.cm", "org.eclipse.equinox.metatype", "slf4j.api",
            "org.osgi.service.component", "org.osgi.util.promise", "org.osgi.util.function",
            "org.apache.aries.spifly.dynamic.bundle", "org.eclipse.osgi", "org.eclipse.kura.api");

    private static Path dp;
    private static Manifest manifest;
    /** entry name in the .dp to that jar's own manifest */
    private static final Map<String, Manifest> contents = new LinkedHashMap<>();

    @BeforeAll
    static void read() throws IOException {
        dp = Path.of(System.getProperty("dp.file", "target/ami-conc-dp_0.1.0-SNAPSHOT.dp"));
        assertThat(dp).isRegularFile();
        try (JarFile jar = new JarFile(dp.toFile())) {
            manifest = jar.getManifest();
            for (JarEntry e : java.util.Collections.list(jar.entries())) {
                if (e.getName().endsWith(".jar")) {
                    try (InputStream in = jar.getInputStream(e); JarInputStream bundle = new JarInputStream(in)) {
                        contents.put(e.getName(), bundle.getManifest());
                    }
                }
            }
        }
    }

    private static String bsn(Manifest m) {
        return m.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME).split(";")[0].strip();
    }

    @Test
    void the_manifest_comes_first_and_names_the_package() throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(dp))) {
            // Deployment Admin reads the manifest as the first entry of the stream
            assertThat(in.getManifest()).isNotNull();
        }
        Attributes main = manifest.getMainAttributes();
        assertThat(main.getValue("DeploymentPackage-SymbolicName")).isEqualTo("ami-conc-dp");
        Version version = Version.parseVersion(main.getValue("DeploymentPackage-Version"));
        assertThat(version.getMajor()).isZero();
        assertThat(version.getMinor()).isEqualTo(1);
        assertThat(version.getQualifier()).as("a snapshot build is qualified by its build time, so each upgrade is newer")
                .matches("\\d{14}");
    }

    @Test
    void every_bundle_has_a_name_section_matching_its_own_manifest() {
        assertThat(contents).isNotEmpty();
        assertThat(manifest.getEntries().keySet()).containsExactlyInAnyOrderElementsOf(contents.keySet());
        for (Map.Entry<String, Manifest> e : contents.entrySet()) {
            Attributes section = manifest.getAttributes(e.getKey());
            Attributes own = e.getValue().getMainAttributes();
            assertThat(section.getValue("Bundle-SymbolicName")).as("BSN of %s", e.getKey()).isEqualTo(bsn(e.getValue()));
            assertThat(section.getValue("Bundle-Version")).as("version of %s", e.getKey())
                    .isEqualTo(own.getValue(Constants.BUNDLE_VERSION));
        }
    }

    @Test
    void holds_the_concentrator_and_the_third_party_bundles_kura_lacks_and_nothing_kura_ships() {
        List<String> names = contents.values().stream().map(DeploymentPackageIT::bsn).toList();
        assertThat(names).contains(
                "org.openami.ami-conc-model", "org.openami.ami-conc-channel", "org.openami.ami-conc-channel-rs485",
                "org.openami.ami-conc-archive", "org.openami.ami-conc-dlt645", "org.openami.ami-dlt645",
                "com.fazecast.jSerialComm", "com.ghgande.j2mod", "com.fasterxml.jackson.core.jackson-databind",
                "com.h2database", "bcprov", "org.openami.ami-cloud-uplink", "org.openami.ami-cloud-envelope",
                "org.openami.ami-cloud-pki", "org.openami.ami-conc-prepay");
        assertThat(names).doesNotContainAnyElementsOf(KURA_SHIPS);
        assertThat(names).doesNotHaveDuplicates();
        for (Manifest m : contents.values()) {
            String exports = m.getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
            assertThat(exports == null ? "" : exports).as("exports of %s", bsn(m)).doesNotContain("org.eclipse.kura");
        }
    }

    @Test
    void every_bundle_resolves_and_starts_next_to_a_kura_like_base(@TempDir Path storage) throws Exception {
        Path unpacked = Files.createDirectories(storage.resolve("dp"));
        try (JarFile jar = new JarFile(dp.toFile())) {
            for (String name : contents.keySet()) {
                try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
                    Files.copy(in, unpacked.resolve(Path.of(name).getFileName()));
                }
            }
        }
        Map<String, String> conf = new HashMap<>();
        conf.put(Constants.FRAMEWORK_STORAGE, storage.resolve("osgi").toString());
        conf.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        conf.put("osgi.framework.useSystemProperties", "false");
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(conf);
        framework.start();
        try {
            BundleContext ctx = framework.getBundleContext();
            List<Bundle> base = install(ctx, jars(Path.of(System.getProperty("kura.base", "target/kura-base"))));
            List<Bundle> packaged = install(ctx, jars(unpacked));
            List<Bundle> all = new ArrayList<>(base);
            all.addAll(packaged);
            framework.adapt(FrameworkWiring.class).resolveBundles(all);
            List<String> failures = new ArrayList<>();
            for (Bundle b : all) {
                if (b.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                    continue;
                }
                try {
                    b.start();
                } catch (BundleException e) {
                    failures.add(b.getSymbolicName() + ": " + e.getMessage());
                }
            }
            assertThat(failures).isEmpty();
            assertThat(packaged).hasSize(contents.size()).allSatisfy(b ->
                    assertThat(b.getState()).as("state of %s", b.getSymbolicName()).isEqualTo(Bundle.ACTIVE));
        } finally {
            framework.stop();
            framework.waitForStop(30_000);
        }
    }

    private static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static List<Bundle> install(BundleContext ctx, List<Path> jars) throws BundleException {
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : jars) {
            installed.add(ctx.installBundle(jar.toUri().toString()));
        }
        return installed;
    }
}
