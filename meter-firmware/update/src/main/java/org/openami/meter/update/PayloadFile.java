package org.openami.meter.update;

import java.util.Objects;

/**
 * One payload file as listed in the manifest. Immutable. The values are checked by
 * {@link FirmwareManifest} (path safety, hex form), not here, so a record can describe a
 * file that is then refused with a precise reason.
 *
 * @param path   path inside the package, under {@code app/}
 * @param size   size in bytes
 * @param sha256 SHA-256 of the content, 64 lower-case hex digits
 */
public record PayloadFile(String path, long size, String sha256) {

    /** @throws NullPointerException if path or sha256 is null */
    public PayloadFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
    }
}
