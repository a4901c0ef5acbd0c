package org.openami.cloud.envelope;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The keys of one party, in memory or backed by a directory:
 *
 * <pre>
 * &lt;dir&gt;/own/&lt;id&gt;.&lt;keyId&gt;.key.pem     this party's private keys, one file per key id (mode 600)
 * &lt;dir&gt;/peers/&lt;id&gt;.&lt;keyId&gt;.pub.pem   peers' public keys, one file per party and key id
 * </pre>
 *
 * File names must agree with the Party and Key-Id lines inside ({@link KeyFiles}); all own keys
 * belong to one party. Files whose names end otherwise (and hidden temporary files) are ignored;
 * a missing own/ or peers/ folder is empty. Loading is all or nothing: one bad file fails
 * {@link #load} or {@link #reload} (which then keeps the previous keys) with a
 * {@link KeyFileException} naming it.
 *
 * <p>Key rotation: add the new generation ({@link #addOwn}, and its public keys at the peer with
 * {@link #addPeer}) before using it; during the overlap both generations are accepted; remove
 * the old one afterwards ({@link #removeOwn}, {@link #removePeer}). {@link #currentOwn} and
 * {@link #currentPeer} pick the highest key id, which is what senders should seal with.
 * Thread-safe: lookups read an immutable snapshot; changes are serialised.
 */
public final class KeyDirectory implements KeyLookup {

    /** Sub-folder of own private keys. */
    public static final String OWN = "own";
    /** Sub-folder of peers' public keys. */
    public static final String PEERS = "peers";
    /** Suffix of private key files. */
    public static final String PRIVATE_SUFFIX = ".key.pem";
    /** Suffix of public key files. */
    public static final String PUBLIC_SUFFIX = ".pub.pem";

    private record PeerId(String id, int keyId) {
    }

    private record Snapshot(TreeMap<Integer, NodeKeys> own, Map<PeerId, PublicNodeKeys> peers) {
    }

    private final Path dir;
    private volatile Snapshot snapshot;

    private KeyDirectory(Path dir, Snapshot snapshot) {
        this.dir = dir;
        this.snapshot = snapshot;
    }

    /**
     * Loads the keys under {@code dir} (see the class comment for the layout).
     *
     * @throws KeyFileException if {@code dir} is not a directory or any key file is bad
     */
    public static KeyDirectory load(Path dir) throws KeyFileException {
        Objects.requireNonNull(dir, "dir");
        return new KeyDirectory(dir, read(dir));
    }

    /**
     * An in-memory directory (nothing is written): {@link #addPeer} and the other changes only
     * change memory, {@link #reload} does nothing.
     *
     * @throws IllegalArgumentException if own keys belong to several parties, or a key id repeats
     */
    public static KeyDirectory of(List<NodeKeys> own, List<PublicNodeKeys> peers) {
        TreeMap<Integer, NodeKeys> ownMap = new TreeMap<>();
        for (NodeKeys k : own) {
            checkSameParty(ownMap, k);
            if (ownMap.put(k.keyId(), k) != null) {
                throw new IllegalArgumentException("own key id " + k.keyId() + " given twice");
            }
        }
        Map<PeerId, PublicNodeKeys> peerMap = new HashMap<>();
        for (PublicNodeKeys p : peers) {
            if (peerMap.put(new PeerId(p.id(), p.keyId()), p) != null) {
                throw new IllegalArgumentException("peer " + p.id() + " key id " + p.keyId() + " given twice");
            }
        }
        return new KeyDirectory(null, new Snapshot(ownMap, peerMap));
    }

    @Override
    public Optional<NodeKeys> own(int keyId) {
        return Optional.ofNullable(snapshot.own.get(keyId));
    }

    @Override
    public Optional<PublicNodeKeys> peer(String id, int keyId) {
        return Optional.ofNullable(snapshot.peers.get(new PeerId(id, keyId)));
    }

    /** This party's keys with the highest key id: the generation to seal with. */
    public Optional<NodeKeys> currentOwn() {
        Map.Entry<Integer, NodeKeys> last = snapshot.own.lastEntry();
        return last == null ? Optional.empty() : Optional.of(last.getValue());
    }

    /** Party {@code id}'s public keys with the highest key id: the generation to seal for. */
    public Optional<PublicNodeKeys> currentPeer(String id) {
        return snapshot.peers.values().stream().filter(p -> p.id().equals(id))
                .max(Comparator.comparingInt(PublicNodeKeys::keyId));
    }

    /** All own keys, by key id. */
    public List<NodeKeys> ownKeys() {
        return List.copyOf(snapshot.own.values());
    }

    /** All peer keys, by party id then key id. */
    public List<PublicNodeKeys> peerKeys() {
        List<PublicNodeKeys> all = new ArrayList<>(snapshot.peers.values());
        all.sort(Comparator.comparing(PublicNodeKeys::id).thenComparingInt(PublicNodeKeys::keyId));
        return Collections.unmodifiableList(all);
    }

    /** The backing directory, or empty for an in-memory directory. */
    public Optional<Path> directory() {
        return Optional.ofNullable(dir);
    }

    /**
     * Registers a peer's public keys (and writes peers/&lt;id&gt;.&lt;keyId&gt;.pub.pem). Registering
     * the same keys again changes nothing.
     *
     * @throws IllegalArgumentException if other keys are already registered for that party and key id
     *                                  (a new generation needs a new key id)
     */
    public synchronized void addPeer(PublicNodeKeys keys) throws KeyFileException {
        Objects.requireNonNull(keys, "keys");
        Snapshot s = snapshot;
        PeerId pid = new PeerId(keys.id(), keys.keyId());
        PublicNodeKeys existing = s.peers.get(pid);
        if (existing != null) {
            if (existing.equals(keys)) {
                return;
            }
            throw new IllegalArgumentException("peer " + keys.id() + " key id " + keys.keyId()
                    + " is already registered with other keys (fingerprint " + existing.fingerprint() + ")");
        }
        if (dir != null) {
            Path folder = createFolder(PEERS);
            KeyFiles.writePublic(folder.resolve(keys.id() + "." + keys.keyId() + PUBLIC_SUFFIX), keys);
        }
        Map<PeerId, PublicNodeKeys> peers = new HashMap<>(s.peers);
        peers.put(pid, keys);
        snapshot = new Snapshot(s.own, peers);
    }

    /** Forgets a peer's key generation (and deletes its file); true if it was known. */
    public synchronized boolean removePeer(String id, int keyId) throws KeyFileException {
        Snapshot s = snapshot;
        PeerId pid = new PeerId(id, keyId);
        if (!s.peers.containsKey(pid)) {
            return false;
        }
        if (dir != null) {
            delete(dir.resolve(PEERS).resolve(id + "." + keyId + PUBLIC_SUFFIX));
        }
        Map<PeerId, PublicNodeKeys> peers = new HashMap<>(s.peers);
        peers.remove(pid);
        snapshot = new Snapshot(s.own, peers);
        return true;
    }

    /**
     * Adds a generation of this party's own keys (and writes own/&lt;id&gt;.&lt;keyId&gt;.key.pem, mode 600).
     *
     * @throws IllegalArgumentException if the keys belong to another party than the own keys
     *                                  already here, or the key id is taken
     */
    public synchronized void addOwn(NodeKeys keys) throws KeyFileException {
        Objects.requireNonNull(keys, "keys");
        Snapshot s = snapshot;
        checkSameParty(s.own, keys);
        if (s.own.containsKey(keys.keyId())) {
            throw new IllegalArgumentException("own key id " + keys.keyId() + " is taken");
        }
        if (dir != null) {
            Path folder = createFolder(OWN);
            KeyFiles.writePrivate(folder.resolve(keys.id() + "." + keys.keyId() + PRIVATE_SUFFIX), keys);
        }
        TreeMap<Integer, NodeKeys> own = new TreeMap<>(s.own);
        own.put(keys.keyId(), keys);
        snapshot = new Snapshot(own, s.peers);
    }

    /** Retires a generation of own keys (and deletes its file); true if it was here. */
    public synchronized boolean removeOwn(int keyId) throws KeyFileException {
        Snapshot s = snapshot;
        NodeKeys k = s.own.get(keyId);
        if (k == null) {
            return false;
        }
        if (dir != null) {
            delete(dir.resolve(OWN).resolve(k.id() + "." + keyId + PRIVATE_SUFFIX));
        }
        TreeMap<Integer, NodeKeys> own = new TreeMap<>(s.own);
        own.remove(keyId);
        snapshot = new Snapshot(own, s.peers);
        return true;
    }

    /**
     * Reads the directory again (for keys added by another process). All or nothing: on a bad
     * file the previous keys stay. Does nothing for an in-memory directory.
     */
    public synchronized void reload() throws KeyFileException {
        if (dir != null) {
            snapshot = read(dir);
        }
    }

    @Override
    public String toString() {
        Snapshot s = snapshot;
        return "KeyDirectory[" + (dir == null ? "in memory" : dir) + ", own key ids " + s.own.keySet() + ", "
                + s.peers.size() + " peer keys]";
    }

    private Path createFolder(String name) throws KeyFileException {
        Path folder = dir.resolve(name);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new KeyFileException(folder, "cannot create: " + e.getMessage(), e);
        }
        return folder;
    }

    private static void delete(Path file) throws KeyFileException {
        try {
            AtomicFiles.delete(file);
        } catch (IOException e) {
            throw new KeyFileException(file, "cannot delete: " + e.getMessage(), e);
        }
    }

    private static void checkSameParty(Map<Integer, NodeKeys> own, NodeKeys k) {
        for (NodeKeys other : own.values()) {
            if (!other.id().equals(k.id())) {
                throw new IllegalArgumentException("own keys of " + k.id() + " next to own keys of " + other.id()
                        + ": one party per directory");
            }
        }
    }

    private static Snapshot read(Path dir) throws KeyFileException {
        if (!Files.isDirectory(dir)) {
            throw new KeyFileException(dir, "not a directory");
        }
        TreeMap<Integer, NodeKeys> own = new TreeMap<>();
        for (Path file : list(dir.resolve(OWN), PRIVATE_SUFFIX)) {
            NodeKeys k = KeyFiles.readPrivate(file);
            checkName(file, PRIVATE_SUFFIX, k.id(), k.keyId());
            NodeKeys first = own.isEmpty() ? null : own.firstEntry().getValue();
            if (first != null && !first.id().equals(k.id())) {
                throw new KeyFileException(file, "own keys of " + k.id() + " next to own keys of " + first.id()
                        + ": one party per directory");
            }
            own.put(k.keyId(), k);
        }
        Map<PeerId, PublicNodeKeys> peers = new HashMap<>();
        for (Path file : list(dir.resolve(PEERS), PUBLIC_SUFFIX)) {
            PublicNodeKeys p = KeyFiles.readPublic(file);
            checkName(file, PUBLIC_SUFFIX, p.id(), p.keyId());
            peers.put(new PeerId(p.id(), p.keyId()), p);
        }
        return new Snapshot(own, peers);
    }

    /** The name must be exactly &lt;id&gt;.&lt;keyId&gt;&lt;suffix&gt; for the id and key id inside. */
    private static void checkName(Path file, String suffix, String id, int keyId) throws KeyFileException {
        String expected = id + "." + keyId + suffix;
        if (!file.getFileName().toString().equals(expected)) {
            throw new KeyFileException(file, "holds keys of " + id + " key id " + keyId + ", so it must be named "
                    + expected);
        }
    }

    private static List<Path> list(Path folder, String suffix) throws KeyFileException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && name.endsWith(suffix)) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            throw new KeyFileException(folder, "cannot list: " + e.getMessage(), e);
        }
        Collections.sort(files);
        return files;
    }
}
