package org.openami.meter.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A crash-safe fixed-capacity log: a ring of {@code capacity} fixed-size slots in one file; record with
 * sequence {@code n} goes to slot {@code n % capacity}, overwriting the oldest record. A write torn by
 * {@code kill -9} or a power cut damages only the slot being written (the oldest record and the new one
 * are lost, nothing else). Order is recovered from sequences, never from positions.
 *
 * <h2>File layout (all integers big-endian)</h2>
 * <pre>
 * offset 0     header (32 bytes, rest of the 4096-byte page is zero)
 *                u32 magic "AMRR" 0x414D5252 | u16 format version (1) | u16 reserved (0)
 *                u32 capacity | u32 slotSize (= maxPayload + 20) | u32 generation
 *                u64 firstSequence | u32 CRC32C of the 28 bytes before
 * offset 4096 + i * slotSize   slot i, i = 0 .. capacity-1:
 *                u64 sequence | u32 generation | u32 payload length | payload | u32 CRC32C of all bytes
 *                before it (bytes after the CRC up to the next slot are ignored; all-zero slot = empty)
 * </pre>
 *
 * <h2>Which slots count</h2>
 * A slot holds a live record iff its CRC matches, its length is at most maxPayload, its generation equals
 * the header's, its sequence is at least the header's firstSequence, {@code sequence % capacity} equals
 * the slot index, and its sequence is within {@code capacity} of the highest such sequence (older ones are
 * stale leftovers, possible after a power cut with {@link SyncPolicy#NONE}). Non-empty slots failing any of
 * these are counted by {@link #damagedSlotsAtOpen()} and ignored. After open, {@link #nextSequence()} is one
 * more than the highest live sequence (or firstSequence if there is none), so the sequence of a write that
 * was torn and never confirmed is reused.
 *
 * <h2>Sequences and clear</h2>
 * The first record of a new file has sequence {@value #FIRST_SEQUENCE}. {@link #clear()} does not restart
 * sequences: it atomically replaces the file (temp file, fsync, rename, directory fsync) with an empty ring
 * whose generation is incremented and whose firstSequence is the current {@link #nextSequence()}. A crash
 * during clear leaves either the complete old ring or the complete empty one (plus a stale
 * {@code <name>.creating} file, deleted at next open), never a mix. The old records are physically gone
 * (old inode) and, should a copy of an old slot reappear, its generation and sequence keep it dead.
 *
 * <h2>Opening</h2>
 * A file of another kind (foreign magic), format version, capacity or maxPayload, or larger than expected
 * is refused with {@link StorageException.Reason#WRONG_FORMAT}, naming the file and the mismatch. Since
 * the file is only ever created whole by rename, its header cannot be torn by a crash; if it is all zero or
 * fails its CRC anyway (media damage, or a file created with {@link SyncPolicy#NONE} coming back
 * zero-filled after a power cut), the file is recreated empty (generation 1, sequences restart at
 * {@value #FIRST_SEQUENCE}) only when no slot, read with the requested parameters, holds a CRC-valid record;
 * otherwise open fails with {@link StorageException.Reason#CORRUPT_HEADER} and the file is left untouched.
 * A truncated file is accepted; missing slots read as empty.
 *
 * <h2>Memory and I/O</h2>
 * The ring is not cached: {@link #records()} and {@link #latest()} read the file (64 KiB at a time) and hold
 * at most {@code capacity × maxPayload} payload bytes. Parameters are bounded ({@link #MAX_CAPACITY},
 * {@link #MAX_PAYLOAD_LIMIT}, {@link #MAX_DATA_SIZE}); nothing is ever sized from file contents.
 * Slots are packed, not page-aligned: if the medium corrupts a whole page on power loss, records sharing
 * that page with the one being written can be lost too (they are detected, never misread).
 *
 * <h2>Thread-safety</h2>
 * All methods are thread-safe (one lock); meant for one writer and any number of readers, and a reader's
 * {@link #records()} never sees a half-written slot. The file is locked against a second open instance in
 * this or another process ({@link StorageException.Reason#LOCKED}). If an interrupt closes the channel,
 * the failing call throws {@link StorageException.Reason#IO} and the next call reopens it.
 */
public final class RecordRing implements AutoCloseable {

    static final int MAGIC = 0x414D5252;
    static final int FORMAT_VERSION = 1;
    static final int HEADER_SIZE = 32;
    static final int SLOT_HEADER_SIZE = 16;
    static final int SLOT_OVERHEAD = SLOT_HEADER_SIZE + 4;
    /** Sequence of the first record appended to a new file. */
    public static final long FIRST_SEQUENCE = 1;
    /**
     * Smallest capacity: with one slot a torn write would destroy the only record and the sequence would
     * restart (use {@link SnapshotFile} for a single value). With two or more, a torn write always leaves the
     * previous record, so sequences never go backwards.
     */
    public static final int MIN_CAPACITY = 2;
    public static final int MAX_CAPACITY = 1 << 24;
    public static final int MAX_PAYLOAD_LIMIT = 1 << 20;
    /** Largest {@code capacity × slotSize}: 1 GiB. */
    public static final long MAX_DATA_SIZE = 1L << 30;
    private static final int READ_CHUNK = 64 * 1024;

    private final Path file;
    private final int capacity;
    private final int maxPayload;
    private final int slotSize;
    private final SyncPolicy sync;
    private final ReentrantLock lock = new ReentrantLock();
    private FileChannel channel;
    private boolean closed;
    private int generation;
    private long firstSequence;
    private long nextSequence;
    private int damagedAtOpen;

    private RecordRing(Path file, int capacity, int maxPayload, SyncPolicy sync) {
        this.file = file;
        this.capacity = capacity;
        this.maxPayload = maxPayload;
        this.slotSize = slotSize(maxPayload);
        this.sync = sync;
    }

    /**
     * Opens or creates (with parent directories) a ring and scans all slots.
     *
     * @param capacity   number of slots, {@link #MIN_CAPACITY}..{@link #MAX_CAPACITY}
     * @param maxPayload largest payload, 0..{@link #MAX_PAYLOAD_LIMIT}
     * @throws StorageException WRONG_FORMAT, CORRUPT_HEADER, LOCKED or IO
     * @throws IllegalArgumentException if a parameter is out of range
     */
    public static RecordRing open(Path file, int capacity, int maxPayload, SyncPolicy sync) throws StorageException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sync, "sync");
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity " + capacity + " not in " + MIN_CAPACITY + ".." + MAX_CAPACITY);
        }
        if (maxPayload < 0 || maxPayload > MAX_PAYLOAD_LIMIT) {
            throw new IllegalArgumentException("maxPayload " + maxPayload + " not in 0.." + MAX_PAYLOAD_LIMIT);
        }
        if ((long) capacity * slotSize(maxPayload) > MAX_DATA_SIZE) {
            throw new IllegalArgumentException("capacity " + capacity + " x slot size " + slotSize(maxPayload)
                    + " exceeds " + MAX_DATA_SIZE + " bytes");
        }
        RecordRing r = new RecordRing(file, capacity, maxPayload, sync);
        r.generation = 1;
        r.firstSequence = FIRST_SEQUENCE;
        // readHeader() replaces generation/firstSequence when the file already exists
        r.channel = StorageIo.openOrCreate(file, sync, r.new Format()).channel();
        r.lock.lock();
        try {
            Scan scan = r.scan(r.channel);
            r.damagedAtOpen = scan.damaged();
            r.nextSequence = scan.records().isEmpty() ? r.firstSequence
                    : scan.records().get(scan.records().size() - 1).sequence() + 1;
        } catch (IOException e) {
            r.closeChannel();
            throw StorageIo.wrap(e, "cannot scan", file);
        } finally {
            r.lock.unlock();
        }
        return r;
    }

    /**
     * Durably (per {@link SyncPolicy}) writes a record into slot {@code nextSequence() % capacity()}.
     * On failure the sequence is not consumed: the next append retries the same slot and sequence.
     *
     * @return the record's sequence
     * @throws StorageException TOO_LARGE if {@code payload.length > maxPayload}; CLOSED; IO
     */
    public long append(byte[] payload) throws StorageException {
        Objects.requireNonNull(payload, "payload");
        if (payload.length > maxPayload) {
            throw new StorageException(StorageException.Reason.TOO_LARGE, "record of " + payload.length
                    + " bytes exceeds maxPayload " + maxPayload + " of " + file);
        }
        lock.lock();
        try {
            FileChannel ch = channel();
            long sequence = nextSequence;
            ByteBuffer b = ByteBuffer.allocate(SLOT_OVERHEAD + payload.length);
            b.putLong(sequence).putInt(generation).putInt(payload.length).put(payload);
            b.putInt(StorageIo.crc32c(b.array(), 0, b.position()));
            b.flip();
            try {
                StorageIo.writeAt(ch, b, slotOffset(maxPayload, Math.floorMod(sequence, capacity)));
                if (sync == SyncPolicy.FSYNC) {
                    ch.force(false);
                }
            } catch (IOException e) {
                throw StorageIo.wrap(e, "cannot append to", file);
            }
            nextSequence = sequence + 1;
            return sequence;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads the ring from the file.
     *
     * @return live records, oldest first, at most {@code capacity()}
     * @throws UncheckedIOException wrapping a {@link StorageException} (IO, CLOSED)
     */
    public List<StoredRecord> records() {
        lock.lock();
        try {
            return scan(channel()).records();
        } catch (IOException e) {
            throw new UncheckedIOException(StorageIo.wrap(e, "cannot read", file));
        } finally {
            lock.unlock();
        }
    }

    /**
     * @return the live record with the highest sequence, empty if none
     * @throws UncheckedIOException wrapping a {@link StorageException} (IO, CLOSED)
     */
    public Optional<StoredRecord> latest() {
        lock.lock();
        try {
            FileChannel ch = channel();
            long last = nextSequence - 1;
            if (last < firstSequence) {
                return Optional.empty();
            }
            int index = (int) Math.floorMod(last, (long) capacity);
            byte[] buf = new byte[slotSize];
            StorageIo.readAt(ch, buf, 0, slotSize, slotOffset(maxPayload, index));
            StoredRecord r = decode(buf, 0, index, true);
            if (r != null && r.sequence() == last) {
                return Optional.of(r);
            }
            List<StoredRecord> all = scan(ch).records(); // the newest slot was damaged since it was written
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
        } catch (IOException e) {
            throw new UncheckedIOException(StorageIo.wrap(e, "cannot read", file));
        } finally {
            lock.unlock();
        }
    }

    /** @return the sequence the next {@link #append} will return */
    public long nextSequence() {
        lock.lock();
        try {
            return nextSequence;
        } finally {
            lock.unlock();
        }
    }

    /**
     * @return the sequence of the first record appended since the file was created or last cleared;
     *         {@code nextSequence() - firstSequence()} records were appended since (at most
     *         {@code capacity()} of them are kept)
     */
    public long firstSequence() {
        lock.lock();
        try {
            return firstSequence;
        } finally {
            lock.unlock();
        }
    }

    public int capacity() {
        return capacity;
    }

    public int maxPayload() {
        return maxPayload;
    }

    public Path file() {
        return file;
    }

    /** @return how many non-empty slots did not hold a live record when the file was opened */
    public int damagedSlotsAtOpen() {
        lock.lock();
        try {
            return damagedAtOpen;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes all records, crash-safely: the file is atomically replaced by an empty ring with the next
     * generation; sequences continue from {@link #nextSequence()}. See the class comment for crash outcomes.
     *
     * @throws StorageException CLOSED, IO (if the failure came before the rename the old ring is intact;
     *                          after it — only the directory fsync — the ring is already empty in memory
     *                          and on disk, just not yet guaranteed durable)
     */
    public void clear() throws StorageException {
        lock.lock();
        try {
            channel();
            int newGeneration = generation + 1 == 0 ? 1 : generation + 1;
            long newFirst = nextSequence;
            StorageIo.Handle fresh;
            try {
                fresh = StorageIo.createAtomically(file, sync, ch -> writeFresh(ch, newGeneration, newFirst));
            } catch (IOException e) {
                throw StorageIo.wrap(e, "cannot clear", file);
            }
            StorageIo.closeQuietly(channel);
            channel = fresh.channel();
            generation = newGeneration;
            firstSequence = newFirst;
            try {
                StorageIo.syncParent(file, sync);
            } catch (IOException e) {
                throw StorageIo.wrap(e, "cannot sync directory of cleared", file);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Releases the file lock and closes the file. Idempotent; later calls fail with CLOSED. */
    @Override
    public void close() {
        lock.lock();
        try {
            closeChannel();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "RecordRing[" + file + ", capacity=" + capacity + ", maxPayload=" + maxPayload + ", " + sync + "]";
    }

    // ---- layout, package-private for tests

    static int slotSize(int maxPayload) {
        return maxPayload + SLOT_OVERHEAD;
    }

    static long slotOffset(int maxPayload, long index) {
        return StorageIo.PAGE + index * slotSize(maxPayload);
    }

    static long fileSize(int capacity, int maxPayload) {
        return slotOffset(maxPayload, capacity);
    }

    // ---- internals (lock held)

    private void closeChannel() {
        if (!closed) {
            closed = true;
            StorageIo.closeQuietly(channel);
        }
    }

    private FileChannel channel() throws StorageException {
        if (closed) {
            throw new StorageException(StorageException.Reason.CLOSED, file + " is closed");
        }
        if (!channel.isOpen()) { // an interrupt closed it under us
            channel = StorageIo.reopen(file).channel();
        }
        return channel;
    }

    private record Scan(List<StoredRecord> records, int damaged) {
    }

    private Scan scan(FileChannel ch) throws IOException {
        int perChunk = Math.max(1, Math.min(capacity, READ_CHUNK / slotSize));
        byte[] buf = new byte[perChunk * slotSize];
        List<StoredRecord> candidates = new ArrayList<>();
        int damaged = 0;
        long highest = Long.MIN_VALUE;
        for (int first = 0; first < capacity; first += perChunk) {
            int n = Math.min(perChunk, capacity - first);
            StorageIo.readAt(ch, buf, 0, n * slotSize, slotOffset(maxPayload, first));
            for (int k = 0; k < n; k++) {
                StoredRecord r = decode(buf, k * slotSize, first + k, true);
                if (r != null) {
                    candidates.add(r);
                    highest = Math.max(highest, r.sequence());
                } else if (!StorageIo.allZero(buf, k * slotSize, slotSize)) {
                    damaged++;
                }
            }
        }
        List<StoredRecord> live = new ArrayList<>(candidates.size());
        for (StoredRecord r : candidates) {
            if (r.sequence() > highest - capacity) {
                live.add(r);
            } else {
                damaged++; // stale: valid but older than the window ending at the newest record
            }
        }
        live.sort(Comparator.comparingLong(StoredRecord::sequence));
        return new Scan(List.copyOf(live), damaged);
    }

    /**
     * @param current also require the header's generation and sequence range (false: only CRC and index)
     * @return the record in slot {@code index} stored at {@code buf[off..off+slotSize)}, or null if invalid
     */
    private StoredRecord decode(byte[] buf, int off, int index, boolean current) {
        ByteBuffer b = ByteBuffer.wrap(buf);
        long sequence = b.getLong(off);
        int gen = b.getInt(off + 8);
        int length = b.getInt(off + 12);
        if (length < 0 || length > maxPayload) {
            return null;
        }
        int end = off + SLOT_HEADER_SIZE + length;
        if (b.getInt(end) != StorageIo.crc32c(buf, off, SLOT_HEADER_SIZE + length)) {
            return null;
        }
        if (sequence < FIRST_SEQUENCE || Math.floorMod(sequence, (long) capacity) != index) {
            return null;
        }
        if (current && (gen != generation || sequence < firstSequence)) {
            return null;
        }
        return new StoredRecord(sequence, Arrays.copyOfRange(buf, off + SLOT_HEADER_SIZE, end));
    }

    private void writeFresh(FileChannel ch, int gen, long first) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE);
        b.putInt(MAGIC).putShort((short) FORMAT_VERSION).putShort((short) 0)
                .putInt(capacity).putInt(slotSize).putInt(gen).putLong(first);
        b.putInt(StorageIo.crc32c(b.array(), 0, 28));
        b.flip();
        StorageIo.writeAt(ch, b, 0);
        StorageIo.writeZeros(ch, HEADER_SIZE, fileSize(capacity, maxPayload));
    }

    private final class Format implements StorageIo.Format {
        @Override
        public String kind() {
            return "record ring";
        }

        @Override
        public long expectedSize() {
            return fileSize(capacity, maxPayload);
        }

        @Override
        public StorageIo.HeaderState readHeader(FileChannel ch) throws IOException {
            ByteBuffer b = StorageIo.readHeader(ch, file, kind(), MAGIC, FORMAT_VERSION, HEADER_SIZE, 28);
            if (StorageIo.stateOf(b) != StorageIo.HeaderState.VALID) {
                return StorageIo.stateOf(b);
            }
            int fileCapacity = b.getInt(8);
            int fileSlotSize = b.getInt(12);
            if (fileCapacity != capacity || fileSlotSize != slotSize) {
                throw new StorageException(StorageException.Reason.WRONG_FORMAT, file + " was created with capacity="
                        + fileCapacity + ", maxPayload=" + ((long) fileSlotSize - SLOT_OVERHEAD)
                        + " but is opened with capacity=" + capacity + ", maxPayload=" + maxPayload);
            }
            long first = b.getLong(20);
            if (first < FIRST_SEQUENCE) {
                throw new StorageException(StorageException.Reason.WRONG_FORMAT, file + " has firstSequence " + first);
            }
            generation = b.getInt(16);
            firstSequence = first;
            return StorageIo.HeaderState.VALID;
        }

        @Override
        public boolean anyValidSlot(FileChannel ch) throws IOException {
            byte[] buf = new byte[slotSize];
            for (int i = 0; i < capacity; i++) {
                StorageIo.readAt(ch, buf, 0, slotSize, slotOffset(maxPayload, i));
                if (decode(buf, 0, i, false) != null) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void writeFresh(FileChannel ch) throws IOException {
            RecordRing.this.writeFresh(ch, 1, FIRST_SEQUENCE);
        }
    }
}
