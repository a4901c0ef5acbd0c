package org.openami.meter.update;

import static org.openami.meter.update.FirmwarePackageException.Reason.BAD_SIGNATURE;
import static org.openami.meter.update.FirmwarePackageException.Reason.EXTRA_FILE;
import static org.openami.meter.update.FirmwarePackageException.Reason.HASH_MISMATCH;
import static org.openami.meter.update.FirmwarePackageException.Reason.MALFORMED_PACKAGE;
import static org.openami.meter.update.FirmwarePackageException.Reason.MISSING_FILE;
import static org.openami.meter.update.FirmwarePackageException.Reason.TOO_LARGE;
import static org.openami.meter.update.FirmwarePackageException.Reason.UNKNOWN_KEY;
import static org.openami.meter.update.FirmwarePackageException.Reason.UNSAFE_PATH;
import static org.openami.meter.update.FirmwarePackageException.Reason.WRONG_PRODUCT;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.openami.meter.update.internal.Hex;
import org.openami.meter.update.internal.Sha256;
import org.openami.meter.update.keys.KeyId;
import org.openami.meter.update.keys.TrustedKeys;
import org.openami.meter.update.keys.VerificationKey;

/**
 * One verification pass over a package file. The order of the checks is the contract:
 * size of the file, zip structure and entry names, signature, manifest, product, declared
 * size, policy, file set, then each payload file streamed through the hash into the sink.
 * Nothing reaches the sink before the signature and the policy have passed, and no payload
 * file is read past its declared size.
 */
final class PackageReader {

    private static final int BUFFER = 64 * 1024;

    private final TrustedKeys keys;
    private final String product;
    private final long maxPayloadBytes;

    PackageReader(TrustedKeys keys, String product, long maxPayloadBytes) {
        this.keys = keys;
        this.product = product;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** The largest package file worth opening for a payload limit: payload plus generous zip overhead. */
    static long maxPackageFileBytes(long maxPayloadBytes) {
        long overhead = PackageLayout.MAX_MANIFEST_BYTES + 64 + (PackageLayout.MAX_FILES + 2) * 1024L + 64 * 1024;
        return maxPayloadBytes + maxPayloadBytes / 100 + overhead;
    }

    VerifiedPackage read(Path pkg, ManifestPolicy policy, PayloadSink sink) throws FirmwarePackageException, IOException {
        String name = String.valueOf(pkg.getFileName());
        long fileSize = Files.size(pkg);
        if (fileSize > maxPackageFileBytes(maxPayloadBytes)) {
            throw new FirmwarePackageException(TOO_LARGE, name, fileSize + " bytes is more than a package with at most "
                    + maxPayloadBytes + " payload bytes can be");
        }
        try (ZipFile zip = open(pkg, name)) {
            Map<String, ZipEntry> entries = entries(zip);
            byte[] manifestBytes = readSmall(zip, require(entries, PackageLayout.MANIFEST), PackageLayout.MAX_MANIFEST_BYTES);
            if (manifestBytes.length > PackageLayout.MAX_MANIFEST_BYTES) {
                throw new FirmwarePackageException(TOO_LARGE, PackageLayout.MANIFEST, "larger than "
                        + PackageLayout.MAX_MANIFEST_BYTES + " bytes");
            }
            byte[] signature = readSmall(zip, require(entries, PackageLayout.SIGNATURE), VerificationKey.SIGNATURE_LENGTH);
            checkSignature(manifestBytes, signature);
            FirmwareManifest manifest = FirmwareManifest.parse(manifestBytes);
            checkManifest(manifest, policy);
            checkFileSet(manifest, entries);
            for (PayloadFile f : manifest.files()) {
                copyVerified(zip, entries.get(f.path()), f, sink);
            }
            return new VerifiedPackage(manifest, manifestBytes, signature);
        }
    }

    private static ZipFile open(Path pkg, String name) throws FirmwarePackageException {
        try {
            return new ZipFile(pkg.toFile(), ZipFile.OPEN_READ, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new FirmwarePackageException(MALFORMED_PACKAGE, name, "not a readable zip file: " + e.getMessage(), e);
        }
    }

    private static Map<String, ZipEntry> entries(ZipFile zip) throws FirmwarePackageException {
        Map<String, ZipEntry> map = new LinkedHashMap<>();
        try {
            if (zip.size() > PackageLayout.MAX_FILES + 2) {
                throw new FirmwarePackageException(TOO_LARGE, zip.getName(), zip.size() + " entries is more than "
                        + (PackageLayout.MAX_FILES + 2));
            }
            Enumeration<? extends ZipEntry> en = zip.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                String entryName = e.getName();
                boolean dir = entryName.endsWith("/");
                String bare = dir ? entryName.substring(0, entryName.length() - 1) : entryName;
                String unsafe = PayloadPaths.unsafeReason(bare);
                if (unsafe != null) {
                    throw new FirmwarePackageException(UNSAFE_PATH, entryName, "zip entry name " + unsafe);
                }
                if (dir) {
                    throw new FirmwarePackageException(EXTRA_FILE, entryName, "directory entries are not allowed");
                }
                if (map.put(entryName, e) != null) {
                    throw new FirmwarePackageException(MALFORMED_PACKAGE, entryName, "duplicate zip entry");
                }
            }
        } catch (RuntimeException e) {
            throw new FirmwarePackageException(MALFORMED_PACKAGE, zip.getName(), "bad zip directory: " + e.getMessage(), e);
        }
        return map;
    }

    private static ZipEntry require(Map<String, ZipEntry> entries, String name) throws FirmwarePackageException {
        ZipEntry e = entries.get(name);
        if (e == null) {
            throw new FirmwarePackageException(MISSING_FILE, name, "the package has no " + name);
        }
        return e;
    }

    private void checkSignature(byte[] manifestBytes, byte[] signature) throws FirmwarePackageException {
        KeyId keyId = ManifestCodec.peekKeyId(manifestBytes);
        VerificationKey key = keys.find(keyId).orElseThrow(() -> new FirmwarePackageException(UNKNOWN_KEY, "key-id",
                "key " + keyId + " is not trusted (trusted: " + keys.ids() + ")"));
        if (signature.length != VerificationKey.SIGNATURE_LENGTH) {
            throw new FirmwarePackageException(BAD_SIGNATURE, PackageLayout.SIGNATURE, "not a "
                    + VerificationKey.SIGNATURE_LENGTH + "-byte Ed25519 signature");
        }
        if (!key.verify(manifestBytes, signature)) {
            throw new FirmwarePackageException(BAD_SIGNATURE, PackageLayout.MANIFEST, "the signature does not match key "
                    + keyId);
        }
    }

    private void checkManifest(FirmwareManifest manifest, ManifestPolicy policy) throws FirmwarePackageException {
        if (!manifest.product().equals(product)) {
            throw new FirmwarePackageException(WRONG_PRODUCT, "product", "the package is for '" + manifest.product()
                    + "', this is '" + product + "'");
        }
        if (manifest.totalPayloadBytes() > maxPayloadBytes) {
            throw new FirmwarePackageException(TOO_LARGE, "file.count", "the payload is " + manifest.totalPayloadBytes()
                    + " bytes, the limit is " + maxPayloadBytes);
        }
        policy.check(manifest);
    }

    private static void checkFileSet(FirmwareManifest manifest, Map<String, ZipEntry> entries)
            throws FirmwarePackageException {
        for (PayloadFile f : manifest.files()) {
            if (!entries.containsKey(f.path())) {
                throw new FirmwarePackageException(MISSING_FILE, f.path(), "listed in the manifest but not in the package");
            }
        }
        for (String entry : entries.keySet()) {
            boolean known = entry.equals(PackageLayout.MANIFEST) || entry.equals(PackageLayout.SIGNATURE)
                    || manifest.file(entry).isPresent();
            if (!known) {
                throw new FirmwarePackageException(EXTRA_FILE, entry, "in the package but not in the signed manifest");
            }
        }
    }

    private static void copyVerified(ZipFile zip, ZipEntry entry, PayloadFile f, PayloadSink sink)
            throws FirmwarePackageException, IOException {
        MessageDigest digest = Sha256.newDigest();
        byte[] buf = new byte[BUFFER];
        long declared = f.size();
        long n = 0;
        try (InputStream in = openEntry(zip, entry); OutputStream out = sink.open(f.path())) {
            while (true) {
                int r = read(in, buf, (int) Math.min(buf.length, declared - n + 1), f.path());
                if (r < 0) {
                    break;
                }
                n += r;
                if (n > declared) {
                    throw new FirmwarePackageException(HASH_MISMATCH, f.path(), "larger than the declared " + declared
                            + " bytes");
                }
                digest.update(buf, 0, r);
                out.write(buf, 0, r);
            }
        }
        if (n != declared) {
            throw new FirmwarePackageException(HASH_MISMATCH, f.path(), n + " bytes, the manifest says " + declared);
        }
        String actual = Hex.of(digest.digest());
        if (!MessageDigest.isEqual(actual.getBytes(StandardCharsets.US_ASCII), f.sha256().getBytes(StandardCharsets.US_ASCII))) {
            throw new FirmwarePackageException(HASH_MISMATCH, f.path(), "SHA-256 is " + actual + ", the manifest says "
                    + f.sha256());
        }
    }

    private static byte[] readSmall(ZipFile zip, ZipEntry entry, int max) throws FirmwarePackageException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try (InputStream in = openEntry(zip, entry)) {
            while (out.size() <= max) {
                int r = read(in, buf, Math.min(buf.length, max + 1 - out.size()), entry.getName());
                if (r < 0) {
                    break;
                }
                out.write(buf, 0, r);
            }
        } catch (IOException e) {
            throw new FirmwarePackageException(MALFORMED_PACKAGE, entry.getName(), "cannot read: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static InputStream openEntry(ZipFile zip, ZipEntry entry) throws FirmwarePackageException {
        try {
            return zip.getInputStream(entry);
        } catch (IOException | RuntimeException e) {
            throw new FirmwarePackageException(MALFORMED_PACKAGE, entry.getName(), "cannot read: " + e.getMessage(), e);
        }
    }

    private static int read(InputStream in, byte[] buf, int len, String name) throws FirmwarePackageException {
        try {
            return in.read(buf, 0, len);
        } catch (IOException | RuntimeException e) {
            throw new FirmwarePackageException(MALFORMED_PACKAGE, name, "cannot read: " + e.getMessage(), e);
        }
    }
}
