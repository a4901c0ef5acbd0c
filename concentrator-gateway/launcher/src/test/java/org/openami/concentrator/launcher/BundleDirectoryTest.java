package org.openami.concentrator.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleDirectoryTest {

    @Test
    void the_build_output_locates_the_bundle_set_beside_the_launcher() {
        // the classes are loaded from target/classes here, from target/ami-conc-launcher-*.jar under ./ami
        assertThat(BundleDirectory.besideLauncher()).isEqualTo(Path.of("target", "bundles").toAbsolutePath());
    }

    @Test
    void lists_only_jars_sorted(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("b.jar"), "");
        Files.writeString(dir.resolve("a.jar"), "");
        Files.writeString(dir.resolve("notes.txt"), "");
        assertThat(BundleDirectory.jars(dir)).containsExactly(dir.resolve("a.jar"), dir.resolve("b.jar"));
    }

    @Test
    void a_missing_or_empty_directory_is_an_error(@TempDir Path dir) {
        assertThatThrownBy(() -> BundleDirectory.jars(dir.resolve("none"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> BundleDirectory.jars(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("holds no bundle jar");
    }
}
