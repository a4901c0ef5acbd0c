package org.openami.meter.update;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a package is built from except the signing key. The build time is given by the
 * caller (the library never reads a clock), so the same input gives the same package bytes.
 *
 * @param product         product name, e.g. {@code ami-meter}
 * @param version         firmware version
 * @param buildTime       build time recorded in the manifest and used as the zip entry time
 * @param mainClass       class the meter and the health check start
 * @param healthCheckArgs arguments for the start-up health check, e.g. {@code --self-test}
 * @param files           payload files
 */
public record PackageInput(String product, FirmwareVersion version, Instant buildTime, String mainClass,
        List<String> healthCheckArgs, List<PayloadSource> files) {

    /** @throws NullPointerException if an argument is null */
    public PackageInput {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(buildTime, "buildTime");
        Objects.requireNonNull(mainClass, "mainClass");
        healthCheckArgs = List.copyOf(healthCheckArgs);
        files = List.copyOf(files);
    }
}
