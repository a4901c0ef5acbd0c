package org.openami.concentrator.launcher;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the runtime bundle set lives and which jars it holds.
 *
 * <p>The build copies the set to {@code concentrator-gateway/launcher/target/bundles}, next to
 * the launcher jar; that is the default when the launcher runs from its build output (as
 * {@code ./ami concentrator} does). The system property {@value #PROPERTY} overrides it; an
 * installed launcher with neither falls back to {@code ./bundles}.
 *
 * <p>Stateless; safe from any thread.
 */
public final class BundleDirectory {

    /** System property naming the bundle directory. */
    public static final String PROPERTY = "ami.concentrator.bundles";

    private BundleDirectory() {
    }

    /** The bundle directory to use when none is given on the command line. */
    public static Path defaultDirectory() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path beside = besideLauncher();
        return beside != null ? beside : Path.of("bundles");
    }

    /** {@code target/bundles} of the module the launcher classes were loaded from, if they come from a build output. */
    static Path besideLauncher() {
        CodeSource source = BundleDirectory.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        Path location;
        try {
            location = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
        // target/ami-conc-launcher-x.jar or target/classes
        Path target = location.getParent();
        if (target != null && target.getFileName() != null && target.getFileName().toString().equals("target")) {
            return target.resolve("bundles");
        }
        return null;
    }

    /**
     * The bundle jars of a directory, sorted by file name.
     *
     * @throws IOException if the directory does not exist, cannot be listed or holds no jar
     */
    public static List<Path> jars(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new NoSuchFileException(directory.toString(), null,
                    "no bundle directory here (build the launcher with mvn package, or pass --bundles DIR)");
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(directory)) {
            jars = files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .sorted().toList();
        }
        if (jars.isEmpty()) {
            throw new IOException(directory + " holds no bundle jar");
        }
        return jars;
    }
}
