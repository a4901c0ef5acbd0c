package org.openami.meter.update;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file to put into a package: where it goes ({@code app/...}) and where it is read from.
 *
 * @param path   path inside the package, under {@code app/}
 * @param source the file on disk
 */
public record PayloadSource(String path, Path source) {

    /** @throws NullPointerException if an argument is null */
    public PayloadSource {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(source, "source");
    }

    /** {@code app/<file name>} for {@code file}. */
    public static PayloadSource inApp(Path file) {
        return new PayloadSource(PackageLayout.PAYLOAD_DIR + file.getFileName(), file);
    }
}
