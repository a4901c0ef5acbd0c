package org.openami.cloud.broker;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reads the last lines of a log file, reading at most a bounded number of bytes. */
final class LogTail {

    private static final int MAX_BYTES = 16 * 1024;

    private LogTail() {
    }

    /**
     * @param file a log file; missing or unreadable gives an empty list
     * @param lines how many lines at most
     * @return the last lines, oldest first
     */
    static List<String> lastLines(Path file, int lines) {
        return lastLines(file, 0, lines);
    }

    /**
     * @param file a log file; missing or unreadable gives an empty list
     * @param fromOffset ignore what the file held before this byte offset
     * @param lines how many lines at most
     * @return the last lines written after the offset, oldest first
     */
    static List<String> lastLines(Path file, long fromOffset, int lines) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long start = fromOffset > length ? 0 : Math.max(0, fromOffset); // a shorter file was replaced
            int size = (int) Math.min(length - start, MAX_BYTES);
            byte[] bytes = new byte[size];
            in.seek(length - size);
            in.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.isEmpty()) {
                return List.of();
            }
            String[] all = text.split("\\R");
            int from = Math.max(size < length - start ? 1 : 0, all.length - lines); // first line may be cut
            return Arrays.asList(all).subList(Math.min(from, all.length), all.length);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** @return the last lines written after the offset as an indented block for a message, or "" if none */
    static String describe(Path file, long fromOffset, int lines) {
        List<String> tail = lastLines(file, fromOffset, lines);
        if (tail.isEmpty()) {
            return "";
        }
        return "\nlast lines of " + file + ":\n  " + String.join("\n  ", tail);
    }
}
