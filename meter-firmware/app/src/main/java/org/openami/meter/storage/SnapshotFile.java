package org.openami.meter.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A crash-safe "latest value" file: two fixed slots written alternately (ping-pong). {@link #write}
 * always goes to the slot that does NOT hold the newest valid snapshot, so a write torn by
 * {@code kill -9} or a power cut can only damage the older copy; {@link #load} returns the valid slot
 * with the highest sequence. At most the write in progress is lost.
 *
 * <h2>File layout (all integers big-endian)</h2>
 * <pre>
 * offset 0            header (16 bytes, rest of the 4096-byte page is zero)
 *                       u32 magic "AMSF" 0x414D5346 | u16 format version (1) | u16 reserved (0)
 *                       u32 maxPayload | u32 CRC32C of the 12 bytes before
 * offset 4096         slot 0 \ each slot starts on a 4096-byte boundary and is
 * offset 4096+stride  slot 1 / stride = roundUp(24 + maxPayload, 4096) bytes long
 * slot:  u32 magic "AMSS" 0x414D5353 | u16 format version (1) | u16 reserved (0)
 *        u64 sequence (1, 2, ...) | u32 payload length | payload | u32 CRC32C of all bytes before it
 *        (bytes after the CRC up to the next slot are ignored)
 * </pre>
 * Slots live in separate pages so that a flash page damaged by a power cut while one slot is written
 * cannot take the other slot with it. The file is created whole (temp file, fsync, rename, directory
 * fsync) at its full size; the header is never rewritten.
 *
 * <h2>Opening</h2>
 * A file of another kind (foreign magic), format version or {@code maxPayload}, or larger than expected,
 * is refused with {@link StorageException.Reason#WRONG_FORMAT}. If the header is all zero or fails its CRC
 * (media damage, or a file created with {@link SyncPolicy#NONE} coming back zero-filled after a power cut;
 * creation itself is atomic, so a crash cannot tear it), the file is recreated
 * empty only when neither slot holds a valid snapshot; otherwise open fails with
 * {@link StorageException.Reason#CORRUPT_HEADER} and the data is left for inspection. A file shorter
 * than expected (truncated) is accepted; missing bytes read as zero.
 *
 * <h2>Sequences</h2>
 * The first write returns 1; each write returns one more than the highest sequence seen. If both slots
 * are damaged the sequence restarts at 1.
 *
 * <h2>Thread-safety</h2>
 * All methods are thread-safe (one lock). The file is locked against a second open instance in this or
 * another process ({@link StorageException.Reason#LOCKED}). If an interrupt closes the underlying
 * channel, the failing call throws {@link StorageException.Reason#IO} and the next call reopens it.
 */
public final class SnapshotFile implements AutoCloseable {

    static final int FILE_MAGIC = 0x414D5346;
    static final int SLOT_MAGIC = 0x414D5353;
    static final int FORMAT_VERSION = 1;
    static final int HEADER_SIZE = 16;
    static final int SLOT_HEADER_SIZE = 20;
    static final int SLOT_OVERHEAD = SLOT_HEADER_SIZE + 4;
    /** Largest accepted {@code maxPayload}: 16 MiB. */
    public static final int MAX_PAYLOAD_LIMIT = 16 * 1024 * 1024;

    private final Path file;
    private final int maxPayload;
    private final SyncPolicy sync;
    private final ReentrantLock lock = new ReentrantLock();
    private final byte[] slotBuffer;
    private FileChannel channel;
    private boolean closed;
    /** Slot holding the newest valid snapshot as far as we know, -1 if none. */
    private int newestSlot = -1;
    /** Highest sequence seen or written, 0 if none. */
    private long lastSequence;

    private SnapshotFile(Path file, int maxPayload, SyncPolicy sync) {
        this.file = file;
        this.maxPayload = maxPayload;
        this.sync = sync;
        this.slotBuffer = new byte[SLOT_OVERHEAD + maxPayload];
    }

    /**
     * Opens or creates (with parent directories) a snapshot file.
     *
     * @param maxPayload largest payload, 0..{@link #MAX_PAYLOAD_LIMIT}; must match the file's
     * @throws StorageException WRONG_FORMAT, CORRUPT_HEADER, LOCKED or IO
     * @throws IllegalArgumentException if {@code maxPayload} is out of range
     */
    public static SnapshotFile open(Path file, int maxPayload, SyncPolicy sync) throws StorageException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sync, "sync");
        if (maxPayload < 0 || maxPayload > MAX_PAYLOAD_LIMIT) {
            throw new IllegalArgumentException("maxPayload " + maxPayload + " not in 0.." + MAX_PAYLOAD_LIMIT);
        }
        SnapshotFile f = new SnapshotFile(file, maxPayload, sync);
        f.channel = StorageIo.openOrCreate(file, sync, f.new Format()).channel();
        try {
            f.lock.lock();
            try {
                f.refresh();
            } finally {
                f.lock.unlock();
            }
        } catch (StorageException e) {
            f.close();
            throw e;
        }
        return f;
    }

    /**
     * Reads both slots from the file.
     *
     * @return the valid snapshot with the highest sequence, empty if neither slot is valid
     */
    public Optional<StoredRecord> load() throws StorageException {
        lock.lock();
        try {
            return refresh();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Durably (per {@link SyncPolicy}) stores a new snapshot in the slot not holding the newest one.
     * On failure nothing changes in memory: the next write retries the same slot and sequence.
     *
     * @return the sequence written
     * @throws StorageException TOO_LARGE if {@code payload.length > maxPayload()}; CLOSED; IO
     */
    public long write(byte[] payload) throws StorageException {
        Objects.requireNonNull(payload, "payload");
        if (payload.length > maxPayload) {
            throw new StorageException(StorageException.Reason.TOO_LARGE, "snapshot of " + payload.length
                    + " bytes exceeds maxPayload " + maxPayload + " of " + file);
        }
        lock.lock();
        try {
            FileChannel ch = channel();
            int target = newestSlot == 0 ? 1 : 0;
            long sequence = lastSequence + 1;
            ByteBuffer b = ByteBuffer.allocate(SLOT_OVERHEAD + payload.length);
            b.putInt(SLOT_MAGIC).putShort((short) FORMAT_VERSION).putShort((short) 0)
                    .putLong(sequence).putInt(payload.length).put(payload);
            b.putInt(StorageIo.crc32c(b.array(), 0, b.position()));
            b.flip();
            try {
                StorageIo.writeAt(ch, b, slotOffset(maxPayload, target));
                if (sync == SyncPolicy.FSYNC) {
                    ch.force(false);
                }
            } catch (IOException e) {
                throw StorageIo.wrap(e, "cannot write snapshot to", file);
            }
            newestSlot = target;
            lastSequence = sequence;
            return sequence;
        } finally {
            lock.unlock();
        }
    }

    public int maxPayload() {
        return maxPayload;
    }

    public Path file() {
        return file;
    }

    /** Releases the file lock and closes the file. Idempotent; later calls fail with CLOSED. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                StorageIo.closeQuietly(channel);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "SnapshotFile[" + file + ", maxPayload=" + maxPayload + ", " + sync + "]";
    }

    // ---- layout, package-private for tests

    static long slotStride(int maxPayload) {
        return StorageIo.roundUp(SLOT_OVERHEAD + (long) maxPayload, StorageIo.PAGE);
    }

    static long slotOffset(int maxPayload, int slot) {
        return StorageIo.PAGE + slot * slotStride(maxPayload);
    }

    static long fileSize(int maxPayload) {
        return StorageIo.PAGE + 2 * slotStride(maxPayload);
    }

    // ---- internals (lock held)

    private FileChannel channel() throws StorageException {
        if (closed) {
            throw new StorageException(StorageException.Reason.CLOSED, file + " is closed");
        }
        if (!channel.isOpen()) { // an interrupt closed it under us
            channel = StorageIo.reopen(file).channel();
        }
        return channel;
    }

    private Optional<StoredRecord> refresh() throws StorageException {
        FileChannel ch = channel();
        StoredRecord s0;
        StoredRecord s1;
        try {
            s0 = readSlot(ch, 0);
            s1 = readSlot(ch, 1);
        } catch (IOException e) {
            throw StorageIo.wrap(e, "cannot read", file);
        }
        StoredRecord best;
        if (s0 != null && (s1 == null || s0.sequence() >= s1.sequence())) {
            best = s0;
            newestSlot = 0;
        } else if (s1 != null) {
            best = s1;
            newestSlot = 1;
        } else {
            newestSlot = -1;
            return Optional.empty();
        }
        lastSequence = Math.max(lastSequence, best.sequence());
        return Optional.of(best);
    }

    /** @return the slot's snapshot, or null if the slot does not hold a valid one */
    private StoredRecord readSlot(FileChannel ch, int slot) throws IOException {
        byte[] buf = slotBuffer;
        StorageIo.readAt(ch, buf, 0, buf.length, slotOffset(maxPayload, slot));
        ByteBuffer b = ByteBuffer.wrap(buf);
        if (b.getInt(0) != SLOT_MAGIC || (b.getShort(4) & 0xFFFF) != FORMAT_VERSION) {
            return null;
        }
        long sequence = b.getLong(8);
        int length = b.getInt(16);
        if (sequence <= 0 || length < 0 || length > maxPayload) {
            return null;
        }
        int end = SLOT_HEADER_SIZE + length;
        if (b.getInt(end) != StorageIo.crc32c(buf, 0, end)) {
            return null;
        }
        return new StoredRecord(sequence, Arrays.copyOfRange(buf, SLOT_HEADER_SIZE, end));
    }

    private final class Format implements StorageIo.Format {
        @Override
        public String kind() {
            return "snapshot file";
        }

        @Override
        public long expectedSize() {
            return fileSize(maxPayload);
        }

        @Override
        public StorageIo.HeaderState readHeader(FileChannel ch) throws IOException {
            ByteBuffer b = StorageIo.readHeader(ch, file, kind(), FILE_MAGIC, FORMAT_VERSION, HEADER_SIZE, 12);
            if (StorageIo.stateOf(b) != StorageIo.HeaderState.VALID) {
                return StorageIo.stateOf(b);
            }
            int fileMax = b.getInt(8);
            if (fileMax != maxPayload) {
                throw new StorageException(StorageException.Reason.WRONG_FORMAT, file + " was created with maxPayload="
                        + fileMax + " but is opened with maxPayload=" + maxPayload);
            }
            return StorageIo.HeaderState.VALID;
        }

        @Override
        public boolean anyValidSlot(FileChannel ch) throws IOException {
            return readSlot(ch, 0) != null || readSlot(ch, 1) != null;
        }

        @Override
        public void writeFresh(FileChannel ch) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE);
            b.putInt(FILE_MAGIC).putShort((short) FORMAT_VERSION).putShort((short) 0).putInt(maxPayload);
            b.putInt(StorageIo.crc32c(b.array(), 0, 12));
            b.flip();
            StorageIo.writeAt(ch, b, 0);
            StorageIo.writeZeros(ch, HEADER_SIZE, fileSize(maxPayload));
        }
    }
}
