package org.openami.meter.update;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;
import org.openami.meter.update.keys.TrustedKeys;

/**
 * Checks an untrusted {@code .fwpkg} file against a set of trusted keys, and optionally
 * unpacks it. Immutable and thread-safe; every call blocks on file I/O and reads the package
 * exactly once, so the bytes that are hashed are the bytes that are written.
 *
 * <p>A package is accepted only if: the file is no larger than the payload limit allows; it is
 * a zip whose entry names are safe (relative, no {@code ..}, no backslash, no colon, no control
 * characters), unique and not directories; {@code manifest.sig} is a valid Ed25519 signature
 * of the exact {@code manifest.properties} bytes by the trusted key the manifest names; the
 * manifest is canonical format 1 for the expected product with a total payload within the
 * limit; the {@link ManifestPolicy} agrees; the zip holds exactly the listed files; and every
 * file has the listed size and SHA-256. Payload bytes are counted as they are inflated (a file
 * is never read past its declared size), so zip headers are never trusted.
 *
 * <p>Failures: {@link FirmwarePackageException} for anything wrong with the package (its
 * {@link FirmwarePackageException.Reason} and subject say what); {@link IOException} only for
 * the environment (the package file cannot be opened, the target directory cannot be written).
 */
public final class FirmwareVerifier {

    private final PackageReader reader;
    private final long maxPayloadBytes;

    /** A verifier with the default payload limit of {@link PackageLayout#DEFAULT_MAX_PAYLOAD_BYTES}. */
    public FirmwareVerifier(TrustedKeys keys, String product) {
        this(keys, product, PackageLayout.DEFAULT_MAX_PAYLOAD_BYTES);
    }

    /**
     * @param keys            the keys packages may be signed with
     * @param product         the product packages must be for
     * @param maxPayloadBytes cap on the total uncompressed payload
     * @throws IllegalArgumentException if the product name is invalid or the limit is not positive
     */
    public FirmwareVerifier(TrustedKeys keys, String product, long maxPayloadBytes) {
        Objects.requireNonNull(keys, "keys");
        try {
            ManifestRules.checkProduct(Objects.requireNonNull(product, "product"));
        } catch (FirmwarePackageException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (maxPayloadBytes <= 0) {
            throw new IllegalArgumentException("the payload limit must be positive");
        }
        this.reader = new PackageReader(keys, product, maxPayloadBytes);
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** The cap on the total uncompressed payload. */
    public long maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /** Verifies {@code pkg} completely without writing anything. */
    public VerifiedPackage verify(Path pkg) throws FirmwarePackageException, IOException {
        return verify(pkg, ManifestPolicy.ACCEPT_ALL);
    }

    /** Verifies {@code pkg} completely without writing anything, applying {@code policy} to the signed manifest. */
    public VerifiedPackage verify(Path pkg, ManifestPolicy policy) throws FirmwarePackageException, IOException {
        return reader.read(pkg, policy, PayloadSink.DISCARD);
    }

    /**
     * Verifies {@code pkg} and writes its payload ({@code app/...}) below {@code targetDir},
     * which must be an existing empty directory. Files are fsynced as they are closed.
     * Nothing is written before the signature and {@code policy} have passed. If a payload
     * file then fails its check, the files written so far stay in {@code targetDir} (never
     * more bytes than declared); the caller discards the directory.
     */
    public VerifiedPackage extract(Path pkg, Path targetDir, ManifestPolicy policy)
            throws FirmwarePackageException, IOException {
        if (!Files.isDirectory(targetDir)) {
            throw new NotDirectoryException(targetDir.toString());
        }
        try (Stream<Path> s = Files.list(targetDir)) {
            if (s.findAny().isPresent()) {
                throw new DirectoryNotEmptyException(targetDir.toString());
            }
        }
        return reader.read(pkg, policy, PayloadSink.directory(targetDir));
    }
}
