package org.openami.concentrator.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.openami.concentrator.archive.internal.CsvArchiveReader;
import org.openami.concentrator.archive.internal.CsvArchiveWriter;
import org.openami.concentrator.archive.internal.JsonArchiveReader;
import org.openami.concentrator.archive.internal.JsonArchiveWriter;

/**
 * The file formats of an archive (described in the module README). Reading checks everything
 * and reports every problem of the input in one {@link ArchiveException}; writing then
 * reading gives an equal archive.
 *
 * <p>Stateless and thread-safe. Reading and writing block on the stream; neither closes it.
 * Reading refuses input longer than {@link #MAX_INPUT_BYTES} after reading that many bytes,
 * so memory stays bounded whatever the input.
 */
public enum ArchiveFormat {
    /** Comma-separated values with a header row; {@code .csv}. */
    CSV("csv"),
    /** {@code {"meters":[{...}]}}; {@code .json}. */
    JSON("json");

    /** Largest input read: 16 MiB (a full archive of 2,040 meters is well under 1 MiB). */
    public static final long MAX_INPUT_BYTES = 16L * 1024 * 1024;

    private final String extension;

    ArchiveFormat(String extension) {
        this.extension = extension;
    }

    /** The file name extension, without the dot: {@code csv} or {@code json}. */
    public String extension() {
        return extension;
    }

    /** The format a file name's extension ({@code .csv}, {@code .json}, any case) stands for. */
    public static Optional<ArchiveFormat> forPath(Path path) {
        Path name = path.getFileName();
        if (name == null) {
            return Optional.empty();
        }
        String n = name.toString().toLowerCase(Locale.ROOT);
        for (ArchiveFormat f : values()) {
            if (n.endsWith("." + f.extension)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * Reads an archive.
     *
     * @param in       UTF-8 text; read up to its end, not closed
     * @param channels the ids of the configured channels; every meter's channel must be one of
     *                 them, unless the set is empty (then channels are not checked)
     * @param source   names the input in the exception message (a file name)
     * @throws ArchiveException if the input is not a valid archive; lists every problem with its
     *                          physical line and field
     * @throws IOException      only if reading {@code in} itself fails
     */
    public MeterArchive read(InputStream in, Set<String> channels, String source)
            throws IOException, ArchiveException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(source, "source");
        return this == CSV
                ? CsvArchiveReader.read(in, channels, source, MAX_INPUT_BYTES)
                : JsonArchiveReader.read(in, channels, source, MAX_INPUT_BYTES);
    }

    /**
     * Writes {@code archive} as UTF-8 in this format and flushes {@code out} (not closed).
     *
     * @throws IOException if writing fails
     */
    public void write(MeterArchive archive, OutputStream out) throws IOException {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(out, "out");
        if (this == CSV) {
            CsvArchiveWriter.write(archive, out);
        } else {
            JsonArchiveWriter.write(archive, out);
        }
    }
}
