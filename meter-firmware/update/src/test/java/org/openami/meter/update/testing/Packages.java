package org.openami.meter.update.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openami.meter.update.FirmwarePackager;
import org.openami.meter.update.FirmwareVersion;
import org.openami.meter.update.PackageInput;
import org.openami.meter.update.PayloadSource;
import org.openami.meter.update.keys.SigningKey;

/** Builds test packages. */
public final class Packages {

    public static final Instant BUILD_TIME = Instant.parse("2025-03-01T10:00:00Z");
    public static final String PRODUCT = "ami-meter";
    public static final String MAIN = TestFirmwareMain.class.getName();

    private Packages() {
    }

    /** Input for {@code files} with the test main class and {@code healthArgs}. */
    public static PackageInput input(String version, List<String> healthArgs, Path... files) {
        List<PayloadSource> sources = new ArrayList<>();
        for (Path f : files) {
            sources.add(PayloadSource.inApp(f));
        }
        return new PackageInput(PRODUCT, FirmwareVersion.parse(version), BUILD_TIME, MAIN, healthArgs, sources);
    }

    /** Writes {@code dir/<name>} and returns it. */
    public static Path file(Path dir, String name, String content) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name), content);
    }

    /** Packs {@code files} as {@code version} into {@code dir/ami-meter-<version>.fwpkg}. */
    public static Path pack(SigningKey key, Path dir, String version, List<String> healthArgs, Path... files)
            throws IOException {
        Files.createDirectories(dir);
        Path out = dir.resolve("ami-meter-" + version + "-" + healthArgs.hashCode() + ".fwpkg");
        new FirmwarePackager(key).write(input(version, healthArgs, files), out);
        return out;
    }
}
