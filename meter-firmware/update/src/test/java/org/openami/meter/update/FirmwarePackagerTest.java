package org.openami.meter.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.meter.update.keys.SigningKey;
import org.openami.meter.update.testing.Keys;
import org.openami.meter.update.testing.Packages;

class FirmwarePackagerTest {

    @TempDir
    Path dir;

    private final SigningKey key = Keys.key(11);

    @Test
    void the_same_input_gives_the_same_bytes_whatever_the_file_order() throws IOException {
        Path a = Packages.file(dir, "a.jar", "alpha");
        Path b = Packages.file(dir, "b.jar", "bravo");
        byte[] first = new FirmwarePackager(key).toBytes(Packages.input("1.0.0", List.of("--self-test"), a, b));
        byte[] second = new FirmwarePackager(key).toBytes(Packages.input("1.0.0", List.of("--self-test"), b, a));
        assertThat(second).isEqualTo(first);
        byte[] later = new FirmwarePackager(key).toBytes(new PackageInput("ami-meter", FirmwareVersion.parse("1.0.0"),
                Instant.parse("2025-03-01T10:00:02Z"), Packages.MAIN, List.of("--self-test"),
                Packages.input("1.0.0", List.of(), a, b).files()));
        assertThat(later).isNotEqualTo(first);
    }

    @Test
    void writes_manifest_signature_then_sorted_payload_all_stored_with_the_build_time() throws IOException {
        Path z = Packages.file(dir, "z.jar", "zulu");
        Path a = Packages.file(dir, "a.jar", "alpha");
        Path pkg = Packages.pack(key, dir, "1.2.3", List.of(), z, a);
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(pkg.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                names.add(e.getName());
                assertThat(e.getMethod()).isEqualTo(ZipEntry.STORED);
                assertThat(e.getTimeLocal()).isEqualTo(LocalDateTime.of(2025, 3, 1, 10, 0));
                assertThat(e.getExtra()).isNull();
            }
        }
        assertThat(names).containsExactly("manifest.properties", "manifest.sig", "app/a.jar", "app/z.jar");
    }

    @Test
    void refuses_input_the_verifier_would_refuse() throws IOException {
        Path a = Packages.file(dir, "a.jar", "alpha");
        FirmwarePackager packager = new FirmwarePackager(key, 10);
        PackageInput outsideApp = new PackageInput("ami-meter", FirmwareVersion.parse("1.0.0"), Packages.BUILD_TIME,
                Packages.MAIN, List.of(), List.of(new PayloadSource("lib/a.jar", a)));
        assertThatThrownBy(() -> packager.toBytes(outsideApp)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UNSAFE_PATH");
        Path big = Files.write(dir.resolve("big.jar"), new byte[11]);
        assertThatThrownBy(() -> packager.toBytes(Packages.input("1.0.0", List.of(), big)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("larger than the limit of 10");
        assertThatThrownBy(() -> packager.toBytes(Packages.input("1.0.0", List.of(), a, a)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("given twice");
        assertThatThrownBy(() -> packager.toBytes(Packages.input("1.0.0", List.of(), dir)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a regular file");
    }
}
