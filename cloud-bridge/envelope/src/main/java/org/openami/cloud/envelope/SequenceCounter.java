package org.openami.cloud.envelope;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Hands out sequence numbers that strictly increase over the life of a file, across restarts
 * and crashes (kill -9, power loss). The file holds a reservation: the first number not yet
 * reserved. Every {@code block} numbers the counter reserves the next block by replacing the
 * file atomically (temporary file, fsync, rename, directory fsync) before handing out its first
 * number. After a crash the counter restarts at the reservation, so it skips at most
 * {@code block} numbers and never repeats one; {@link #close()} records the exact next number,
 * so a clean restart skips none.
 *
 * <p>The file is one ASCII line, {@code openami-sequence 1 <next> <crc32>}, the CRC-32 (8 lower-case
 * hex digits) covering the text before it. A missing file starts at 1; a file that is not
 * exactly this is an {@link IOException} naming it, never a silent restart. One process per file.
 * Thread-safe.
 */
public final class SequenceCounter implements AutoCloseable {

    /** The first number of a new counter. */
    public static final long FIRST = 1;

    private static final String PREFIX = "openami-sequence 1 ";
    private static final int MAX_FILE_BYTES = 256;

    private final Path file;
    private final int block;
    private long next;
    private long reserved;
    private boolean closed;

    private SequenceCounter(Path file, int block, long start) {
        this.file = file;
        this.block = block;
        this.next = start;
        this.reserved = start;
    }

    /**
     * Opens the counter kept in {@code file} (created on the first reservation if missing).
     *
     * @param block how many numbers each write of the file reserves, {@code >= 1}
     * @throws IOException if the file exists but cannot be read or is not a valid counter file
     */
    public static SequenceCounter open(Path file, int block) throws IOException {
        Objects.requireNonNull(file, "file");
        if (block < 1) {
            throw new IllegalArgumentException("block " + block + " must be at least 1");
        }
        return new SequenceCounter(file, block, read(file));
    }

    /**
     * The next number: greater than every number this file has handed out before.
     *
     * @throws UncheckedIOException if the reservation cannot be written (no number is handed out)
     * @throws IllegalStateException after {@link #close()}, or when the numbers are exhausted
     */
    public synchronized long next() {
        if (closed) {
            throw new IllegalStateException("sequence counter " + file + " is closed");
        }
        if (next >= reserved) {
            if (next == Long.MAX_VALUE) {
                throw new IllegalStateException("sequence counter " + file + " is exhausted");
            }
            long newReservation = next > Long.MAX_VALUE - block ? Long.MAX_VALUE : next + block;
            try {
                write(file, newReservation);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot reserve sequence numbers in " + file, e);
            }
            reserved = newReservation;
        }
        return next++;
    }

    /** The number {@link #next()} would return, without taking it. */
    public synchronized long peek() {
        return next;
    }

    /** The counter's file. */
    public Path file() {
        return file;
    }

    /** Records the exact next number so a restart skips none. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            if (next < reserved) {
                write(file, next);
            }
        }
    }

    private static long read(Path file) throws IOException {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw corrupt(file, size + " bytes, a counter file has a few dozen");
            }
            bytes = AtomicFiles.readBounded(file, MAX_FILE_BYTES);
        } catch (NoSuchFileException e) {
            return FIRST;
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (!text.endsWith("\n") || !text.startsWith(PREFIX)) {
            throw corrupt(file, "not a sequence counter file");
        }
        String[] fields = text.substring(PREFIX.length(), text.length() - 1).split(" ", -1);
        if (fields.length != 2 || fields[1].length() != 8) {
            throw corrupt(file, "expected \"" + PREFIX + "<next> <crc32>\"");
        }
        String covered = PREFIX + fields[0];
        if (!crc(covered).equals(fields[1])) {
            throw corrupt(file, "checksum does not match");
        }
        long value;
        try {
            value = Long.parseLong(fields[0]);
        } catch (NumberFormatException e) {
            throw corrupt(file, "\"" + fields[0] + "\" is not a number");
        }
        if (value < FIRST || !Long.toString(value).equals(fields[0])) {
            throw corrupt(file, "value " + fields[0] + " is out of range");
        }
        return value;
    }

    private static void write(Path file, long reservation) throws IOException {
        String covered = PREFIX + reservation;
        AtomicFiles.write(file, (covered + " " + crc(covered) + "\n").getBytes(StandardCharsets.US_ASCII),
                AtomicFiles.WORLD_READABLE);
    }

    private static String crc(String s) {
        CRC32 crc = new CRC32();
        crc.update(s.getBytes(StandardCharsets.US_ASCII));
        return String.format("%08x", crc.getValue());
    }

    private static IOException corrupt(Path file, String problem) {
        return new IOException(file + ": corrupt sequence counter file (" + problem
                + "); restore it or set a value above every number already sent");
    }

    @Override
    public String toString() {
        return "SequenceCounter[" + file + ", next " + peek() + "]";
    }
}
