package org.openami.concentrator.dlt645.relay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.openami.dlt645.MeterAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable per-meter control counters in one small text file, one line per meter:
 * {@code <address> <reserved-up-to>}.
 *
 * <p><b>Never repeats, even after {@code kill -9} or a power cut.</b> Counters are reserved in
 * blocks: before a value is handed out, the end of its block is written to the file (a new
 * file is written, forced to disk, renamed over the old one and the directory forced), and
 * values up to it are then handed out from memory. A restart continues after the reserved end,
 * skipping whatever was left of the block; a crash while writing leaves the old file, whose
 * reservation covers every value handed out.
 *
 * <p><b>Epoch floor.</b> The first value for a meter in a process is also at least the clock's
 * epoch seconds. That keeps counters above those this concentrator issued before, even if the
 * file was lost or the concentrator replaced, as long as it sent fewer commands to the meter
 * than seconds have passed (a few a day in practice). It assumes a clock that is roughly right;
 * the file alone still guarantees growth if the clock is set back. Epoch seconds fit the
 * 32-bit counter until 2106. A new meter starts at the floor.
 *
 * <p>A corrupt or oversized file is refused ({@link CounterFileException}); nothing is guessed.
 * An exclusive lock on {@code <file>.lock} keeps a second process (or a second instance in
 * this one) off the file while this one is open. Thread-safe. Memory: one entry per meter used.
 */
public final class FileControlCounter implements ControlCounter, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileControlCounter.class);

    /** Counters reserved per file write by default. */
    public static final int DEFAULT_BLOCK = 64;
    /** Largest counter a 1CH command carries. */
    public static final long MAX_COUNTER = 0xFFFFFFFFL;
    /** Largest file read (about 150,000 meters). */
    public static final long MAX_FILE_BYTES = 4L << 20;
    private static final String HEADER = "# openami 1CH control counters v1: address reserved-up-to";

    private final Path file;
    private final int block;
    private final Clock clock;
    private final FileChannel lockChannel;
    private final FileLock lock;
    /** Reserved end per meter, as on disk. */
    private final Map<MeterAddress, Long> reserved;
    /** Next value per meter used in this process. */
    private final Map<MeterAddress, Long> next = new HashMap<>();
    private boolean closed;

    private FileControlCounter(Path file, int block, Clock clock, FileChannel lockChannel, FileLock lock,
            Map<MeterAddress, Long> reserved) {
        this.file = file;
        this.block = block;
        this.clock = clock;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.reserved = reserved;
    }

    /** Opens {@code file} with blocks of {@value #DEFAULT_BLOCK}. */
    public static FileControlCounter open(Path file, Clock clock) throws IOException {
        return open(file, DEFAULT_BLOCK, clock);
    }

    /**
     * Opens (or starts) the counter file; the parent directory is created if missing.
     *
     * @param block  counters reserved per write, 1..65536: larger means fewer writes and more
     *               values skipped after a crash
     * @param clock  for the epoch floor
     * @throws CounterFileException if the file is malformed, too large or in use
     * @throws IOException          if it cannot be read or the lock file cannot be made
     */
    public static FileControlCounter open(Path file, int block, Clock clock) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(clock, "clock");
        if (block < 1 || block > 65_536) {
            throw new IllegalArgumentException("block " + block + " is outside 1..65536");
        }
        Path abs = file.toAbsolutePath();
        if (abs.getParent() != null) {
            Files.createDirectories(abs.getParent());
        }
        Path lockFile = abs.resolveSibling(abs.getFileName() + ".lock");
        FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            ch.close();
            throw new CounterFileException(abs, "already open in this process");
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            ch.close();
            throw new CounterFileException(abs, "in use by another process (" + lockFile + " is locked)");
        }
        try {
            return new FileControlCounter(abs, block, clock, ch, lock, load(abs));
        } catch (IOException | RuntimeException e) {
            lock.release();
            ch.close();
            throw e;
        }
    }

    @Override
    public synchronized long next(MeterAddress meter) throws IOException {
        Objects.requireNonNull(meter, "meter");
        if (!meter.isSpecific()) {
            throw new IllegalArgumentException("counters belong to one meter, not " + meter);
        }
        if (closed) {
            throw new CounterFileException(file, "closed");
        }
        Long n = next.get(meter);
        long value;
        if (n == null) {
            Long r = reserved.get(meter);
            value = Math.max(r == null ? 1 : r + 1, floor());
        } else {
            value = n;
        }
        if (value > MAX_COUNTER) {
            throw new CounterFileException(file, "the counters of meter " + meter
                    + " are used up; the meter needs a new key");
        }
        Long end = reserved.get(meter);
        if (end == null || value > end) {
            long newEnd = Math.min(value + block - 1, MAX_COUNTER);
            Map<MeterAddress, Long> after = new TreeMap<>(java.util.Comparator.comparing(MeterAddress::toString));
            after.putAll(reserved);
            after.put(meter, newEnd);
            write(after);
            reserved.put(meter, newEnd);
        }
        next.put(meter, value + 1);
        return value;
    }

    /** The reserved end stored for {@code meter}, or 0 if it has none. For diagnostics. */
    public synchronized long reservedEnd(MeterAddress meter) {
        return reserved.getOrDefault(meter, 0L);
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** Releases the lock. Values are durable already; nothing is written. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.warn("cannot release the lock of {}: {}", file, e.getMessage());
        }
    }

    private long floor() {
        long s = clock.instant().getEpochSecond();
        return s >= 1 && s <= MAX_COUNTER ? s : 1;
    }

    // ---- file --------------------------------------------------------------------------

    private static Map<MeterAddress, Long> load(Path file) throws IOException {
        Map<MeterAddress, Long> out = new HashMap<>();
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return out;
        }
        if (size > MAX_FILE_BYTES) {
            throw new CounterFileException(file, "is " + size + " bytes, more than " + MAX_FILE_BYTES);
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length > MAX_FILE_BYTES) {
            throw new CounterFileException(file, "grew past " + MAX_FILE_BYTES + " bytes while read");
        }
        String[] lines = new String(bytes, StandardCharsets.US_ASCII).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            parseLine(file, i + 1, line, out);
        }
        return out;
    }

    private static void parseLine(Path file, int lineNo, String line, Map<MeterAddress, Long> out)
            throws CounterFileException {
        String[] f = line.split(" ");
        if (f.length != 2) {
            throw new CounterFileException(file, "line " + lineNo + ": expected '<address> <counter>', got '"
                    + abbreviate(line) + "'");
        }
        MeterAddress a;
        try {
            a = MeterAddress.parse(f[0]);
        } catch (RuntimeException e) {
            throw new CounterFileException(file, "line " + lineNo + ": bad meter address '" + abbreviate(f[0])
                    + "': " + e.getMessage());
        }
        if (!a.isSpecific()) {
            throw new CounterFileException(file, "line " + lineNo + ": " + a + " is not one meter's address");
        }
        long v;
        try {
            v = Long.parseLong(f[1]);
        } catch (NumberFormatException e) {
            throw new CounterFileException(file, "line " + lineNo + ": counter '" + abbreviate(f[1])
                    + "' is not a decimal number");
        }
        if (v < 1 || v > MAX_COUNTER) {
            throw new CounterFileException(file, "line " + lineNo + ": counter " + v + " is outside 1..4294967295");
        }
        if (out.put(a, v) != null) {
            throw new CounterFileException(file, "line " + lineNo + ": meter " + a + " appears twice");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private void write(Map<MeterAddress, Long> entries) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER.length() + 1 + entries.size() * 24);
        sb.append(HEADER).append('\n');
        entries.forEach((a, v) -> sb.append(a).append(' ').append(v).append('\n'));
        byte[] bytes = sb.toString().getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > MAX_FILE_BYTES) {
            throw new CounterFileException(file, "would grow past " + MAX_FILE_BYTES + " bytes");
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new CounterFileException(file, "the file system cannot replace files atomically", e);
        }
        forceDirectory(file.getParent());
    }

    private static void forceDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // some file systems (and Windows) cannot open a directory: the rename is still atomic
            LOG.debug("cannot force directory {}: {}", dir, e.getMessage());
        }
    }
}
