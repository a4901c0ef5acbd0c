package org.openami.meter.update.keys;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes PEM key files. Private key files are created new (never overwritten) with
 * owner-only permissions ({@code rw-------}) where the file system is POSIX; elsewhere the
 * caller must protect the directory. Stateless; blocking file I/O; failures are
 * {@link IOException}s whose messages name the file but never contain key material.
 */
public final class KeyFiles {

    private static final Logger LOG = LoggerFactory.getLogger(KeyFiles.class);

    /** Largest key file read (a PEM Ed25519 key is about 120 bytes). */
    static final long MAX_KEY_FILE_BYTES = 16 * 1024;
    /** File name suffix of private keys written by {@link #generate}. */
    public static final String PRIVATE_SUFFIX = ".private.pem";
    /** File name suffix of public keys written by {@link #generate}. */
    public static final String PUBLIC_SUFFIX = ".public.pem";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private KeyFiles() {
    }

    /** Paths of a freshly generated key pair. */
    public record GeneratedKeys(KeyId keyId, Path privateKey, Path publicKey) {
    }

    /**
     * Generates a key pair and writes {@code DIR/<keyid>.private.pem} (owner-only) and
     * {@code DIR/<keyid>.public.pem}; creates {@code dir} if needed.
     *
     * @throws FileAlreadyExistsException if either file exists already
     */
    public static GeneratedKeys generate(Path dir, SecureRandom random) throws IOException {
        SigningKey key = SigningKey.generate(random);
        Files.createDirectories(dir);
        Path priv = dir.resolve(key.keyId() + PRIVATE_SUFFIX);
        Path pub = dir.resolve(key.keyId() + PUBLIC_SUFFIX);
        if (Files.exists(pub)) {
            throw new FileAlreadyExistsException(pub.toString());
        }
        writeSigningKey(key, priv);
        writeVerificationKey(key.verificationKey(), pub);
        LOG.info("generated firmware signing key {} in {}", key.keyId(), dir);
        return new GeneratedKeys(key.keyId(), priv, pub);
    }

    /** Writes a new private key file with owner-only permissions; never overwrites. */
    public static void writeSigningKey(SigningKey key, Path file) throws IOException {
        byte[] pem = KeyPem.encode(key).getBytes(StandardCharsets.US_ASCII);
        try {
            createOwnerOnly(file);
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(pem);
            }
        } finally {
            java.util.Arrays.fill(pem, (byte) 0);
        }
    }

    /** Writes a new public key file; never overwrites. */
    public static void writeVerificationKey(VerificationKey key, Path file) throws IOException {
        Files.writeString(file, KeyPem.encode(key), StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
    }

    /** Reads an Ed25519 {@code PRIVATE KEY} PEM file. */
    public static SigningKey readSigningKey(Path file) throws IOException {
        try {
            return KeyPem.decodeSigningKey(readSmall(file));
        } catch (IOException e) {
            throw named(file, e);
        }
    }

    /** Reads an Ed25519 {@code PUBLIC KEY} PEM file. */
    public static VerificationKey readVerificationKey(Path file) throws IOException {
        try {
            return KeyPem.decodeVerificationKey(readSmall(file));
        } catch (IOException e) {
            throw named(file, e);
        }
    }

    /** Reads a key file of at most {@value #MAX_KEY_FILE_BYTES} bytes as ASCII text. */
    static String readSmall(Path file) throws IOException {
        if (Files.size(file) > MAX_KEY_FILE_BYTES) {
            throw new IOException("larger than " + MAX_KEY_FILE_BYTES + " bytes, not a key file");
        }
        return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
    }

    private static void createOwnerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            Files.createFile(file, attr);
            Files.setPosixFilePermissions(file, OWNER_ONLY); // the umask may have removed bits, never added
        } else {
            Files.createFile(file);
            LOG.warn("{} is not on a POSIX file system: protect its directory yourself", file);
        }
    }

    private static IOException named(Path file, IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException || e instanceof java.nio.file.AccessDeniedException) {
            return e;
        }
        return new IOException(file + ": " + e.getMessage(), e);
    }
}
