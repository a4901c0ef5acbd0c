package org.openami.cloud.uplink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers which downlink command ids were accepted, until they expire, so a command is
 * executed at most once even when the broker delivers it twice or someone replays it.
 *
 * <p>An id is written to an append-only file and forced to the device <em>before</em> the
 * command runs: after a crash the command is not run again (at most once; the cloud sees no
 * result and the operator decides). Expired ids are dropped when the file is opened (the file is
 * then rewritten atomically) and from memory as they expire. At most {@code capacity} live ids
 * are kept; when full, new commands are refused rather than forgetting live ones.
 * Lines that cannot be parsed (a torn last line after a crash) are skipped and counted.
 * Thread-safe.
 */
public final class CommandGuard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandGuard.class);
    private static final Pattern LINE = Pattern.compile("(\\d{1,19}) ([A-Za-z0-9._:-]{1,64})");

    /** What {@link #admit} decided. */
    public enum Admission { ADMITTED, REPLAYED, FULL }

    private final Path file;
    private final Clock clock;
    private final int capacity;
    private final Map<String, Long> live = new HashMap<>();
    private final int skippedLines;
    private FileChannel channel;

    private CommandGuard(Path file, Clock clock, int capacity, int skippedLines) {
        this.file = file;
        this.clock = clock;
        this.capacity = capacity;
        this.skippedLines = skippedLines;
    }

    /** Opens (or creates) the guard file. */
    public static CommandGuard open(Path file, Clock clock, int capacity) throws IOException {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " must be positive");
        }
        Map<String, Long> loaded = new HashMap<>();
        int skipped = 0;
        if (Files.exists(file)) {
            long now = clock.millis();
            for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                var m = LINE.matcher(line);
                if (!m.matches()) {
                    skipped++;
                    continue;
                }
                long expires;
                try {
                    expires = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    skipped++;
                    continue;
                }
                if (expires > now) {
                    loaded.merge(m.group(2), expires, Math::max);
                }
            }
        }
        if (skipped > 0) {
            LOG.warn("{}: {} unreadable line(s) skipped", file, skipped);
        }
        CommandGuard guard = new CommandGuard(file, clock, capacity, skipped);
        guard.live.putAll(loaded);
        guard.rewrite();
        return guard;
    }

    /**
     * Records {@code commandId} as accepted until {@code expiresAt} unless it already is.
     * Durable when it returns {@link Admission#ADMITTED}.
     */
    public synchronized Admission admit(String commandId, long expiresAt) throws IOException {
        long now = clock.millis();
        Long known = live.get(commandId);
        if (known != null && known > now) {
            return Admission.REPLAYED;
        }
        if (live.size() >= capacity) {
            live.values().removeIf(exp -> exp <= now);
            if (live.size() >= capacity) {
                return Admission.FULL;
            }
        }
        byte[] line = (expiresAt + " " + commandId + "\n").getBytes(StandardCharsets.ISO_8859_1);
        channel.write(ByteBuffer.wrap(line));
        channel.force(false);
        live.put(commandId, expiresAt);
        return Admission.ADMITTED;
    }

    /** Ids remembered now. */
    public synchronized int size() {
        return live.size();
    }

    /** Lines skipped when the file was opened. */
    public int skippedLines() {
        return skippedLines;
    }

    private void rewrite() throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        List<String> lines = new ArrayList<>();
        live.forEach((id, exp) -> lines.add(exp + " " + id));
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap((String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"))
                    .getBytes(StandardCharsets.ISO_8859_1)));
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
