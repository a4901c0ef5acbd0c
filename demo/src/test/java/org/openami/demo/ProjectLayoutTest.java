package org.openami.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLayoutTest {

    @TempDir
    Path dir;

    @Test
    void findsTheBuiltLauncherUnderTheRoot() throws Exception {
        Path target = Files.createDirectories(dir.resolve(ProjectLayout.LAUNCHER_TARGET));
        Files.createDirectories(target.resolve("bundles"));
        Files.writeString(target.resolve("classpath.txt"), "/a.jar:/b.jar\n");
        Files.writeString(target.resolve("ami-conc-launcher-0.1.0-SNAPSHOT.jar"), "");
        Files.writeString(target.resolve("ami-conc-launcher-0.1.0-SNAPSHOT-tests.jar"), "");
        ProjectLayout l = ProjectLayout.at(dir);
        assertThat(l.launcher().getFileName().toString()).isEqualTo("ami-conc-launcher-0.1.0-SNAPSHOT.jar");
        assertThat(l.classpath()).isEqualTo("/a.jar:/b.jar");
        assertThat(l.bundles()).isEqualTo(target.resolve("bundles"));
    }

    @Test
    void anUnbuiltLauncherSaysHowToBuildIt() {
        assertThatThrownBy(() -> ProjectLayout.at(dir)).isInstanceOf(DemoException.class).hasMessageContaining("./ami build");
    }

    @Test
    void theTestsFindTheRealProjectFromTheModuleFolder() throws Exception {
        // the module's tests run in demo/: the root is one level up, and the launcher is built before this module
        ProjectLayout l = ProjectLayout.locate();
        assertThat(l.root().resolve("demo").resolve("pom.xml")).exists();
        assertThat(l.launcher()).exists();
        assertThat(l.bundles()).isDirectory();
    }
}
