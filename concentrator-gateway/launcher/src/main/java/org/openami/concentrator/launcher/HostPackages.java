package org.openami.concentrator.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.util.function.Function;
import org.osgi.util.promise.Promise;

/**
 * The OSGi service API packages the launcher shares with the bundles it runs.
 *
 * <p>The launcher lives outside the framework but calls ConfigurationAdmin, MetaTypeService
 * and ServiceComponentRuntime inside it. For a service object to be usable on both sides,
 * both must see the same {@code Class} objects, so the system bundle exports these packages
 * from the launcher's own classpath ({@code org.osgi.framework.system.packages.extra}) and
 * the API bundles are left out of the bundle set. The export clauses, versions included, are
 * copied from the manifests of the API jars on the classpath, so they never drift from the
 * jars actually loaded.
 *
 * <p>Stateless; safe from any thread.
 */
final class HostPackages {

    /** One class from each shared API jar. */
    static final List<Class<?>> SHARED_APIS = List.of(
            ConfigurationAdmin.class, MetaTypeService.class, ServiceComponentRuntime.class,
            Promise.class, Function.class, org.eclipse.kura.configuration.ConfigurableComponent.class);

    private HostPackages() {
    }

    /**
     * The value for {@code org.osgi.framework.system.packages.extra}: the Export-Package
     * clauses of every shared API jar, comma separated.
     *
     * @throws IllegalStateException if an API jar cannot be located or has no Export-Package
     */
    static String systemPackagesExtra() {
        Set<Path> jars = new LinkedHashSet<>();
        for (Class<?> api : SHARED_APIS) {
            jars.add(codeSourceOf(api));
        }
        StringBuilder exports = new StringBuilder();
        for (Path jar : jars) {
            if (exports.length() > 0) {
                exports.append(',');
            }
            exports.append(exportPackageOf(jar));
        }
        return exports.toString();
    }

    static Path codeSourceOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("cannot locate the jar of " + type.getName());
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the jar of " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    /** The Export-Package header of a jar (or an exploded jar directory). */
    static String exportPackageOf(Path jarOrDirectory) {
        Manifest manifest;
        try {
            manifest = readManifest(jarOrDirectory);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the manifest of " + jarOrDirectory + ": " + e.getMessage(), e);
        }
        String exports = manifest == null ? null : manifest.getMainAttributes().getValue("Export-Package");
        if (exports == null || exports.isBlank()) {
            throw new IllegalStateException(jarOrDirectory + " exports no package; is it an OSGi API jar?");
        }
        return exports;
    }

    private static Manifest readManifest(Path jarOrDirectory) throws IOException {
        if (Files.isDirectory(jarOrDirectory)) {
            Path mf = jarOrDirectory.resolve("META-INF/MANIFEST.MF");
            if (!Files.isRegularFile(mf)) {
                return null;
            }
            try (InputStream in = Files.newInputStream(mf)) {
                return new Manifest(in);
            }
        }
        try (JarFile jar = new JarFile(jarOrDirectory.toFile())) {
            return jar.getManifest();
        }
    }
}
