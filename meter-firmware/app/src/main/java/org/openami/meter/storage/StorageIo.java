package org.openami.meter.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.zip.CRC32C;

/**
 * File plumbing shared by {@link SnapshotFile} and {@link RecordRing}: atomic creation (temp file,
 * fsync, rename, directory fsync), locking, positional reads/writes, CRC32C.
 *
 * <p>A file is only ever created or replaced as a whole: it is written completely under the sibling
 * name {@code <name>.creating}, forced (FSYNC), then renamed over {@code <name>} and the directory is
 * forced (FSYNC). A crash leaves either the previous file or the complete new one, plus possibly a
 * stale {@code .creating} file, which the next open deletes.
 */
final class StorageIo {

    /** Page size used to keep headers and snapshot slots in separate flash/filesystem pages. */
    static final int PAGE = 4096;

    static final System.Logger LOG = System.getLogger("org.openami.meter.storage");

    private static final int ZERO_CHUNK = 64 * 1024;

    private StorageIo() {
    }

    /** What a format-specific header check concluded. */
    enum HeaderState {
        /** The header is intact and matches the requested parameters. */
        VALID,
        /** The header region is all zero or beyond the end of the file (never formatted). */
        ABSENT,
        /** The header carries this format's magic but its CRC does not match. */
        CORRUPT
    }

    /** Format-specific parts of {@link #openOrCreate}. */
    interface Format {
        /** Human-readable kind, for messages ("record ring"). */
        String kind();

        /** The exact size of a complete file made with the requested parameters. */
        long expectedSize();

        /**
         * Reads and checks the header.
         *
         * @throws StorageException WRONG_FORMAT if the file is of another kind, version or parameters
         */
        HeaderState readHeader(FileChannel ch) throws IOException;

        /** Whether any slot holds a CRC-valid record, reading the slots with the requested parameters. */
        boolean anyValidSlot(FileChannel ch) throws IOException;

        /** Writes the whole content of a fresh, empty file (header plus zeroed slots). */
        void writeFresh(FileChannel ch) throws IOException;
    }

    /** Writes the content of a file being created. */
    @FunctionalInterface
    interface Content {
        void writeTo(FileChannel ch) throws IOException;
    }

    /** An open channel holding the file's exclusive lock. */
    record Handle(FileChannel channel, FileLock lock) {
    }

    /**
     * Opens {@code file}, creating it if missing, or recreating it if its header is absent/corrupt and no
     * slot holds valid data. The returned channel holds an exclusive lock on the file.
     */
    static Handle openOrCreate(Path file, SyncPolicy sync, Format format) throws StorageException {
        Path tmp = tempSibling(file);
        FileChannel ch;
        try {
            createParents(file, sync);
            try {
                ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (NoSuchFileException e) {
                Files.deleteIfExists(tmp);
                return createAndSync(file, sync, format::writeFresh);
            }
        } catch (IOException e) {
            throw wrap(e, "cannot open " + format.kind(), file);
        }
        try {
            FileLock lock = lock(ch, file);
            Files.deleteIfExists(tmp); // left by a crash during create/clear; the main file is authoritative
            long size = ch.size();
            HeaderState state = format.readHeader(ch);
            if (size > format.expectedSize()) {
                throw new StorageException(StorageException.Reason.WRONG_FORMAT, file + " is " + size
                        + " bytes, larger than the " + format.expectedSize() + " bytes of a " + format.kind()
                        + " with the requested parameters (header " + state + ")");
            }
            if (state == HeaderState.VALID) {
                return new Handle(ch, lock);
            }
            if (format.anyValidSlot(ch)) {
                throw new StorageException(StorageException.Reason.CORRUPT_HEADER, "header of " + format.kind()
                        + " " + file + " is " + (state == HeaderState.ABSENT ? "missing" : "damaged")
                        + " but slots still hold valid data; refusing to recreate it");
            }
            LOG.log(System.Logger.Level.WARNING, "{0} {1}: header {2} and no valid slot, recreating it empty",
                    format.kind(), file, state);
            Handle fresh = createAndSync(file, sync, format::writeFresh);
            closeQuietly(ch);
            return fresh;
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            if (e instanceof IOException io) {
                throw wrap(io, "cannot open " + format.kind(), file);
            }
            throw (RuntimeException) e;
        }
    }

    private static Handle createAndSync(Path file, SyncPolicy sync, Content content) throws IOException {
        Handle h = createAtomically(file, sync, content);
        try {
            syncParent(file, sync);
        } catch (IOException e) {
            closeQuietly(h.channel());
            throw e;
        }
        return h;
    }

    /**
     * Writes a complete new file under the temp name, forces it (FSYNC) and renames it over {@code file}.
     * Does NOT force the directory: call {@link #syncParent} once the caller has adopted the new channel.
     * On failure before the rename, the temp file is removed and {@code file} is untouched.
     */
    static Handle createAtomically(Path file, SyncPolicy sync, Content content) throws IOException {
        Path tmp = tempSibling(file);
        FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock = lock(ch, tmp);
            content.writeTo(ch);
            if (sync == SyncPolicy.FSYNC) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new Handle(ch, lock);
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Reopens an existing file (after an interrupt closed the channel) and takes its lock again. */
    static Handle reopen(Path file) throws StorageException {
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            return new Handle(ch, lock(ch, file));
        } catch (IOException e) {
            closeQuietly(ch);
            throw wrap(e, "cannot reopen", file);
        }
    }

    static Path tempSibling(Path file) {
        return file.resolveSibling(file.getFileName() + ".creating");
    }

    /** Creates missing parent directories; with FSYNC forces each directory that gained an entry. */
    static void createParents(Path file, SyncPolicy sync) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || Files.isDirectory(parent)) {
            return;
        }
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = parent; p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        Files.createDirectories(parent);
        if (sync == SyncPolicy.FSYNC) {
            for (Path created : missing) { // top-most first
                if (created.getParent() != null) {
                    fsyncDirectory(created.getParent());
                }
            }
        }
    }

    /** With FSYNC, forces the directory holding {@code file} so a create/rename in it is durable. */
    static void syncParent(Path file, SyncPolicy sync) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (sync == SyncPolicy.FSYNC && parent != null) {
            fsyncDirectory(parent);
        }
    }

    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    static FileLock lock(FileChannel ch, Path file) throws IOException {
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new StorageException(StorageException.Reason.LOCKED,
                    file + " is already open (locked by this or another process)");
        }
        return lock;
    }

    /**
     * Reads {@code len} bytes at {@code pos} into {@code dst[off..]}; bytes beyond the end of the file read
     * as zero. @return the number of bytes actually present in the file
     */
    static int readAt(FileChannel ch, byte[] dst, int off, int len, long pos) throws IOException {
        Arrays.fill(dst, off, off + len, (byte) 0);
        ByteBuffer b = ByteBuffer.wrap(dst, off, len);
        int total = 0;
        while (b.hasRemaining()) {
            int n = ch.read(b, pos + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    static void writeAt(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        long p = pos;
        while (b.hasRemaining()) {
            p += ch.write(b, p);
        }
    }

    /** Writes zeros over [from, to). */
    static void writeZeros(FileChannel ch, long from, long to) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(ZERO_CHUNK, Math.max(0, to - from)));
        for (long p = from; p < to; ) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), to - p));
            int n = zeros.remaining();
            writeAt(ch, zeros, p);
            p += n;
        }
    }

    static int crc32c(byte[] a, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(a, off, len);
        return (int) c.getValue();
    }

    /**
     * Reads a file header of {@code size} bytes whose CRC32C (of the bytes before it) sits at
     * {@code crcOffset}, and checks its magic (first int) and format version (short at 4).
     *
     * @return null if the header is all zero ({@link HeaderState#ABSENT}), an empty buffer if
     *         its CRC fails ({@link HeaderState#CORRUPT}), otherwise the header
     * @throws StorageException WRONG_FORMAT naming the file for a foreign magic or version
     */
    static ByteBuffer readHeader(FileChannel ch, Path file, String kind, int magic, int version, int size, int crcOffset)
            throws IOException {
        byte[] h = new byte[size];
        readAt(ch, h, 0, h.length, 0);
        if (allZero(h, 0, h.length)) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(h);
        if (b.getInt(0) != magic) {
            throw new StorageException(StorageException.Reason.WRONG_FORMAT, file
                    + " is not a " + kind + " (magic 0x" + Integer.toHexString(b.getInt(0)) + ")");
        }
        if (b.getInt(crcOffset) != crc32c(h, 0, crcOffset)) {
            return ByteBuffer.allocate(0);
        }
        int v = b.getShort(4) & 0xFFFF;
        if (v != version) {
            throw new StorageException(StorageException.Reason.WRONG_FORMAT, file + " has " + kind + " format version "
                    + v + ", this code reads version " + version);
        }
        return b;
    }

    /** The state {@link #readHeader} found. */
    static HeaderState stateOf(ByteBuffer header) {
        return header == null ? HeaderState.ABSENT : header.capacity() == 0 ? HeaderState.CORRUPT : HeaderState.VALID;
    }

    static boolean allZero(byte[] a, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    static long roundUp(long n, long multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }

    static StorageException wrap(IOException e, String what, Path file) {
        if (e instanceof StorageException se) {
            return se;
        }
        String detail = e instanceof ClosedByInterruptException
                ? "interrupted (the channel is reopened on next use)" : String.valueOf(e);
        return new StorageException(StorageException.Reason.IO, what + " " + file + ": " + detail, e);
    }

    static void closeQuietly(FileChannel ch) {
        if (ch == null) {
            return;
        }
        try {
            ch.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing a storage channel failed", e);
        }
    }
}
