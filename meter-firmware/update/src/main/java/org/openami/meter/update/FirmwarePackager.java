package org.openami.meter.update;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.openami.meter.update.internal.DurableFiles;
import org.openami.meter.update.internal.Hex;
import org.openami.meter.update.internal.Sha256;
import org.openami.meter.update.keys.SigningKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds signed {@code .fwpkg} files. Immutable and thread-safe; blocking file I/O.
 *
 * <p>The output is deterministic: entries in a fixed order ({@code manifest.properties},
 * {@code manifest.sig}, then payload files sorted by path), all STORED (no compressor whose
 * output could change between JDK versions), every entry time set to the build time, no
 * extra fields or comments. Same input and key, same bytes. Each payload file is read once
 * into memory, so what is hashed is what is packed; the total is capped like in the verifier.
 *
 * <p>Failures: {@link IllegalArgumentException} if the input would give a package the verifier
 * refuses (bad path, version, class name, too large); {@link IOException} for file errors.
 */
public final class FirmwarePackager {

    private static final Logger LOG = LoggerFactory.getLogger(FirmwarePackager.class);
    private static final LocalDateTime EARLIEST_ZIP_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);
    private static final LocalDateTime LATEST_ZIP_TIME = LocalDateTime.of(2107, 12, 31, 23, 59, 58);

    private final SigningKey key;
    private final long maxPayloadBytes;

    /** A packager with the default payload limit. */
    public FirmwarePackager(SigningKey key) {
        this(key, PackageLayout.DEFAULT_MAX_PAYLOAD_BYTES);
    }

    /** A packager that refuses more than {@code maxPayloadBytes} of payload. */
    public FirmwarePackager(SigningKey key, long maxPayloadBytes) {
        this.key = key;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** Writes the package to {@code out} (atomically replacing it) and returns its manifest. */
    public FirmwareManifest write(PackageInput input, Path out) throws IOException {
        Built built = build(input);
        DurableFiles.replace(out, built.bytes);
        LOG.info("packed {} into {}", built.manifest.summary(), out);
        return built.manifest;
    }

    /** The package bytes. */
    public byte[] toBytes(PackageInput input) throws IOException {
        return build(input).bytes;
    }

    private Built build(PackageInput input) throws IOException {
        Map<String, byte[]> contents = readPayload(input.files());
        List<PayloadFile> files = new ArrayList<>();
        contents.forEach((path, bytes) -> files.add(new PayloadFile(path, bytes.length, Hex.of(Sha256.of(bytes)))));
        FirmwareManifest manifest = new FirmwareManifest(PackageLayout.FORMAT, input.product(), input.version(),
                input.buildTime(), input.mainClass(), input.healthCheckArgs(), key.keyId(), files);
        byte[] manifestBytes = manifest.toBytes();
        if (manifestBytes.length > PackageLayout.MAX_MANIFEST_BYTES) {
            throw new IllegalArgumentException("the manifest would be larger than " + PackageLayout.MAX_MANIFEST_BYTES
                    + " bytes");
        }
        LocalDateTime time = zipTime(input.buildTime());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(buf)) {
            stored(zip, PackageLayout.MANIFEST, manifestBytes, time);
            stored(zip, PackageLayout.SIGNATURE, key.sign(manifestBytes), time);
            for (Map.Entry<String, byte[]> e : contents.entrySet()) {
                stored(zip, e.getKey(), e.getValue(), time);
            }
        }
        return new Built(manifest, buf.toByteArray());
    }

    private Map<String, byte[]> readPayload(List<PayloadSource> sources) throws IOException {
        Map<String, byte[]> contents = new TreeMap<>();
        long total = 0;
        for (PayloadSource s : sources) {
            if (!Files.isRegularFile(s.source())) {
                throw new IllegalArgumentException(s.source() + " is not a regular file");
            }
            byte[] bytes = readCapped(s.source(), maxPayloadBytes - total);
            total += bytes.length;
            if (contents.put(s.path(), bytes) != null) {
                throw new IllegalArgumentException(s.path() + " is given twice");
            }
        }
        return contents;
    }

    private byte[] readCapped(Path file, long remaining) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            for (int r; (r = in.read(buf)) >= 0; ) {
                out.write(buf, 0, r);
                if (out.size() > remaining) {
                    throw new IllegalArgumentException("the payload is larger than the limit of " + maxPayloadBytes
                            + " bytes (at " + file + ")");
                }
            }
        }
        return out.toByteArray();
    }

    private static void stored(ZipOutputStream zip, String name, byte[] bytes, LocalDateTime time) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(bytes.length);
        e.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        e.setTimeLocal(time);
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    /** The build time as a DOS timestamp (UTC wall clock, 2-second steps, clamped to the DOS range). */
    private static LocalDateTime zipTime(Instant buildTime) {
        LocalDateTime t = LocalDateTime.ofInstant(buildTime, ZoneOffset.UTC).withNano(0);
        if (t.isBefore(EARLIEST_ZIP_TIME)) {
            return EARLIEST_ZIP_TIME;
        }
        if (t.isAfter(LATEST_ZIP_TIME)) {
            return LATEST_ZIP_TIME;
        }
        return t.withSecond(t.getSecond() & ~1);
    }

    private record Built(FirmwareManifest manifest, byte[] bytes) {
    }
}
