package org.openami.meter.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Test helpers to damage files at byte level and to make deterministic payloads. */
final class Bytes {

    private Bytes() {
    }

    static byte[] read(Path file, long pos, int len) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(len);
            while (b.hasRemaining() && ch.read(b, pos + b.position()) >= 0) {
                // keep reading
            }
            return b.array();
        }
    }

    static void write(Path file, long pos, byte[] data) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(data);
            while (b.hasRemaining()) {
                ch.write(b, pos + b.position());
            }
        }
    }

    static void flipBit(Path file, long bitIndex) throws IOException {
        long pos = bitIndex / 8;
        byte[] one = read(file, pos, 1);
        one[0] ^= (byte) (1 << (bitIndex % 8));
        write(file, pos, one);
    }

    static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    /** A payload that is a pure function of {@code n}: length {@code n % (max + 1)}, varied content. */
    static byte[] payload(long n, int max) {
        int len = (int) Math.floorMod(n * 7919, (long) max + 1);
        byte[] p = new byte[len];
        for (int i = 0; i < len; i++) {
            p[i] = (byte) (n * 31 + i * 17 + (n >>> 8));
        }
        return p;
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
