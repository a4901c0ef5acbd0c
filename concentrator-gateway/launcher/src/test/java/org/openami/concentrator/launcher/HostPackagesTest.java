package org.openami.concentrator.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostPackagesTest {

    @Test
    void exports_the_service_apis_at_the_versions_of_the_jars_on_the_classpath() {
        String extra = HostPackages.systemPackagesExtra();
        assertThat(extra)
                .contains("org.osgi.service.cm;version=\"1.6.1\"")
                .contains("org.osgi.service.metatype;version=\"1.4.1\"")
                .contains("org.osgi.service.component;version=\"1.5.1\"")
                .contains("org.osgi.service.component.runtime;version=\"1.5\"")
                .contains("org.osgi.util.promise;version=\"1.3.0\"")
                .contains("org.osgi.util.function;version=\"1.2\"");
    }

    @Test
    void a_directory_without_manifest_is_not_an_api_jar(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("META-INF"));
        assertThatThrownBy(() -> HostPackages.exportPackageOf(dir))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exports no package");
    }
}
