package org.openami.meter.update.keys;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public keys a meter accepts firmware from, looked up by {@link KeyId}. Immutable and
 * thread-safe once built.
 *
 * <p>{@link #load(Path)} reads every {@code *.pem} file directly in a directory (not
 * recursively). {@code PUBLIC KEY} files become trusted keys; {@code PRIVATE KEY} files are
 * skipped with a warning (a private key does not belong on a meter); any other file that
 * cannot be read as an Ed25519 public key fails the whole load, so a damaged key store is
 * noticed instead of silently trusting fewer keys.
 */
public final class TrustedKeys {

    private static final Logger LOG = LoggerFactory.getLogger(TrustedKeys.class);

    private final Map<KeyId, VerificationKey> keys;

    private TrustedKeys(Map<KeyId, VerificationKey> keys) {
        this.keys = Map.copyOf(keys);
    }

    /** Trusts exactly the given keys. */
    public static TrustedKeys of(VerificationKey... keys) {
        return of(List.of(keys));
    }

    /** Trusts exactly the given keys. */
    public static TrustedKeys of(Collection<VerificationKey> keys) {
        Map<KeyId, VerificationKey> map = new TreeMap<>((a, b) -> a.hex().compareTo(b.hex()));
        for (VerificationKey k : keys) {
            map.put(k.keyId(), k);
        }
        return new TrustedKeys(map);
    }

    /**
     * Loads the {@code *.pem} public keys in {@code dir}. Blocks on file I/O.
     *
     * @throws IOException if the directory cannot be listed or a {@code *.pem} file is not an
     *                     Ed25519 public or private key (the message names the file)
     */
    public static TrustedKeys load(Path dir) throws IOException {
        List<VerificationKey> found = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.pem")) {
            ds.forEach(files::add);
        }
        files.sort(null);
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                continue;
            }
            String text = readNamed(f);
            String type = typeNamed(f, text);
            if (KeyPem.PRIVATE_KEY.equals(type)) {
                LOG.warn("ignoring private key file {} in the trusted key directory", f.getFileName());
                continue;
            }
            found.add(KeyFiles.readVerificationKey(f));
        }
        TrustedKeys result = of(found);
        if (result.ids().isEmpty()) {
            LOG.warn("no trusted firmware keys in {}: every package will be refused", dir);
        } else {
            LOG.debug("trusted firmware keys from {}: {}", dir, result.ids());
        }
        return result;
    }

    /** The key with this id, if trusted. */
    public Optional<VerificationKey> find(KeyId id) {
        return Optional.ofNullable(keys.get(id));
    }

    /** The ids of all trusted keys. */
    public Set<KeyId> ids() {
        return keys.keySet();
    }

    @Override
    public String toString() {
        return "TrustedKeys" + ids();
    }

    private static String readNamed(Path f) throws IOException {
        try {
            return KeyFiles.readSmall(f);
        } catch (IOException e) {
            throw new IOException(f + ": " + e.getMessage(), e);
        }
    }

    private static String typeNamed(Path f, String text) throws IOException {
        try {
            return KeyPem.type(text);
        } catch (IOException e) {
            throw new IOException(f + ": " + e.getMessage(), e);
        }
    }
}
