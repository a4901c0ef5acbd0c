package org.openami.demo;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the built concentrator is: the launcher jar, its dependency classpath and the OSGi
 * bundle set that {@code ./ami concentrator} runs, found under the project root.
 *
 * <p>The root is the {@value #ROOT_PROPERTY} system property if set, otherwise the working
 * directory or the nearest folder above it that holds the {@code ami} script and
 * {@code concentrator-gateway/} ({@code ./ami demo} runs from the root, the module's tests
 * from {@code demo/}), otherwise the nearest such folder above the demo's own jar (the script
 * run from elsewhere).
 *
 * @param root       the project root
 * @param launcher   the launcher jar
 * @param classpath  the launcher's dependencies, {@code File.pathSeparator}-separated
 * @param bundles    the runtime bundle folder
 */
public record ProjectLayout(Path root, Path launcher, String classpath, Path bundles) {

    public static final String ROOT_PROPERTY = "ami.root";
    static final String LAUNCHER_TARGET = "concentrator-gateway/launcher/target";

    /**
     * Finds the root and checks the launcher is built.
     *
     * @throws DemoException if no root is found or the launcher, its classpath or its bundles are missing
     */
    public static ProjectLayout locate() throws DemoException {
        String property = System.getProperty(ROOT_PROPERTY);
        Path root;
        if (property != null && !property.isBlank()) {
            root = Path.of(property).toAbsolutePath().normalize();
            if (!isRoot(root)) {
                throw new DemoException("-D" + ROOT_PROPERTY + "=" + root + " is not the project root (no ami script and "
                        + "concentrator-gateway/ there)");
            }
        } else {
            Path cwd = Path.of("").toAbsolutePath().normalize();
            root = findRoot(cwd);
            if (root == null) {
                root = findRoot(codeLocation());
            }
            if (root == null) {
                throw new DemoException("cannot find the project root above " + cwd + ": run the demo from the project"
                        + " folder (./ami demo) or set -D" + ROOT_PROPERTY + "=PATH");
            }
        }
        return at(root);
    }

    private static Path codeLocation() {
        try {
            var source = ProjectLayout.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** The layout under {@code root}; checks the launcher is built. */
    public static ProjectLayout at(Path root) throws DemoException {
        Path target = root.resolve(LAUNCHER_TARGET);
        Path jar = launcherJar(target);
        Path cp = target.resolve("classpath.txt");
        Path bundles = target.resolve("bundles");
        if (!Files.isRegularFile(cp) || !Files.isDirectory(bundles)) {
            throw new DemoException("the concentrator launcher in " + target + " is not built (no classpath.txt or bundles/):"
                    + " run ./ami build");
        }
        String classpath;
        try {
            classpath = Files.readString(cp).strip();
        } catch (IOException e) {
            throw new DemoException("cannot read " + cp + ": " + e.getMessage(), e);
        }
        return new ProjectLayout(root, jar, classpath, bundles);
    }

    /** The nearest folder at or above {@code from} that is the project root, or null. */
    private static Path findRoot(Path from) {
        for (Path p = from; p != null; p = p.getParent()) {
            if (isRoot(p)) {
                return p;
            }
        }
        return null;
    }

    private static boolean isRoot(Path p) {
        return Files.isRegularFile(p.resolve("ami")) && Files.isDirectory(p.resolve("concentrator-gateway"));
    }

    private static Path launcherJar(Path target) throws DemoException {
        List<Path> jars = new ArrayList<>();
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(target, "ami-conc-launcher-*.jar")) {
                for (Path p : s) {
                    String name = p.getFileName().toString();
                    if (!name.endsWith("-tests.jar") && !name.endsWith("-sources.jar") && !name.endsWith("-javadoc.jar")) {
                        jars.add(p);
                    }
                }
            } catch (IOException e) {
                throw new DemoException("cannot list " + target + ": " + e.getMessage(), e);
            }
        }
        if (jars.isEmpty()) {
            throw new DemoException("the concentrator launcher jar is not in " + target + ": run ./ami build");
        }
        jars.sort(null);
        return jars.get(jars.size() - 1);
    }
}
