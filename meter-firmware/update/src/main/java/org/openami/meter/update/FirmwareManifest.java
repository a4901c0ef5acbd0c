package org.openami.meter.update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openami.meter.update.keys.KeyId;

/**
 * The signed description of a firmware package: what it is, how to start and health-check it,
 * which key signed it, and the size and SHA-256 of every payload file. Immutable and
 * thread-safe.
 *
 * <p>{@link #toBytes()} gives the one canonical {@code manifest.properties} text (UTF-8,
 * {@code \n} line ends, fixed key order, files sorted by path); {@link #parse(byte[])} accepts
 * exactly that form and nothing else, so the bytes that were signed are the bytes that are
 * shown and acted on:
 * <pre>
 * format=1
 * product=ami-meter
 * version=1.4.0
 * build-time=2025-03-01T10:00:00Z
 * main-class=org.openami.meter.app.Main
 * health-args.count=1
 * health-args.0=--self-test
 * key-id=3f2a9c0d11e4b7a8
 * file.count=1
 * file.0.path=app/ami-meter.jar
 * file.0.size=123456
 * file.0.sha256=9f86d0...
 * </pre>
 * In values, {@code \} is written {@code \\} and a leading space {@code \ } (so
 * {@link java.util.Properties} reads the file the same way); control characters are not allowed.
 *
 * @param format          manifest format, {@link PackageLayout#FORMAT}
 * @param product         product name, {@code [a-z0-9][a-z0-9._-]{0,63}}
 * @param version         firmware version
 * @param buildTime       when the package was built (given by the packager's caller)
 * @param mainClass       class started with {@code java -cp app/*}
 * @param healthCheckArgs arguments for the start-up health check (after the main class)
 * @param keyId           id of the signing key
 * @param files           payload files (stored sorted by path)
 */
public record FirmwareManifest(int format, String product, FirmwareVersion version, Instant buildTime,
        String mainClass, List<String> healthCheckArgs, KeyId keyId, List<PayloadFile> files) {

    /**
     * @throws IllegalArgumentException if a value breaks the format; its cause is the
     *                                  {@link FirmwarePackageException} naming the field
     */
    public FirmwareManifest {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(buildTime, "buildTime");
        Objects.requireNonNull(mainClass, "mainClass");
        Objects.requireNonNull(keyId, "keyId");
        healthCheckArgs = List.copyOf(healthCheckArgs);
        List<PayloadFile> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(PayloadFile::path));
        files = List.copyOf(sorted);
        try {
            ManifestRules.check(format, product, mainClass, healthCheckArgs, files);
        } catch (FirmwarePackageException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Parses canonical manifest bytes.
     *
     * @throws FirmwarePackageException {@code MALFORMED_MANIFEST}, {@code UNSAFE_PATH} or
     *                                  {@code TOO_LARGE}, naming the field
     */
    public static FirmwareManifest parse(byte[] bytes) throws FirmwarePackageException {
        return ManifestCodec.parse(bytes);
    }

    /** The canonical UTF-8 text; the same manifest always gives the same bytes. */
    public byte[] toBytes() {
        return ManifestCodec.write(this);
    }

    /** Sum of the payload file sizes. */
    public long totalPayloadBytes() {
        long total = 0;
        for (PayloadFile f : files) {
            total += f.size();
        }
        return total;
    }

    /** The payload file with this path, if listed. */
    public Optional<PayloadFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }

    /** One line for logs and the CLI: {@code ami-meter 1.4.0 (3 files, 123456 bytes, key 3f2a...)}. */
    public String summary() {
        return product + " " + version + " (" + files.size() + " files, " + totalPayloadBytes() + " bytes, key "
                + keyId + ")";
    }
}
