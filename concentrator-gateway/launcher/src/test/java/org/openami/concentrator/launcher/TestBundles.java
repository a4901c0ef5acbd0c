package org.openami.concentrator.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real runtime bundle set the build copied to target/bundles, and the probe bundle. */
final class TestBundles {

    private TestBundles() {
    }

    static Path directory() {
        return Path.of(System.getProperty(BundleDirectory.PROPERTY, "target/bundles"));
    }

    static List<Path> runtimeSet() throws IOException {
        return BundleDirectory.jars(directory());
    }

    /** The runtime set plus the probe bundle written into {@code dir}. */
    static List<Path> withProbe(Path dir) throws IOException {
        List<Path> jars = new ArrayList<>(runtimeSet());
        jars.add(ProbeBundle.write(dir.resolve("probe.jar")));
        return jars;
    }
}
