package org.openami.meter.update.slots;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import org.openami.meter.update.FirmwareVersion;
import org.openami.meter.update.internal.DurableFiles;
import org.openami.meter.update.internal.PropertiesText;

/**
 * Reads and writes {@code state.properties} in an install directory. Writes are atomic
 * (temp file, fsync, rename, fsync of the directory), so after a crash the file is either the
 * old or the new state; a leftover {@code state.properties.tmp} is never read. Not
 * thread-safe: callers hold the install directory lock.
 */
final class SlotStateStore {

    static final String FILE = "state.properties";
    private static final long MAX_BYTES = 64 * 1024;

    private final Path file;

    SlotStateStore(Path installDir) {
        this.file = installDir.resolve(FILE);
    }

    Path file() {
        return file;
    }

    SlotState load() throws IOException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IOException(file + " is larger than " + MAX_BYTES + " bytes: not a slot state");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return SlotState.INITIAL;
        }
        try {
            return decode(PropertiesText.read(bytes));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException(file + " is corrupt: " + e.getMessage(), e);
        }
    }

    void save(SlotState state) throws IOException {
        DurableFiles.replace(file, PropertiesText.write(encode(state)));
    }

    static Map<String, String> encode(SlotState s) {
        Map<String, String> m = new TreeMap<>();
        m.put("format", "1");
        for (Slot slot : Slot.values()) {
            SlotInfo i = s.info(slot);
            String p = "slot." + slot.id() + ".";
            m.put(p + "status", i.status().name());
            if (i.version() != null) {
                m.put(p + "version", i.version().toString());
            }
            m.put(p + "reason", i.reason());
            if (i.since() != null) {
                m.put(p + "since", i.since().toString());
            }
        }
        if (s.highestVersion() != null) {
            m.put("highest-version", s.highestVersion().toString());
        }
        m.put("trial.boot-attempts", Integer.toString(s.trialBootAttempts()));
        LastResult r = s.last();
        if (r != null) {
            m.put("last.event", r.event().name());
            if (r.slot() != null) {
                m.put("last.slot", r.slot().id());
            }
            if (r.version() != null) {
                m.put("last.version", r.version().toString());
            }
            m.put("last.detail", r.detail());
            m.put("last.at", r.at().toString());
        }
        return m;
    }

    static SlotState decode(Map<String, String> m) {
        if (!"1".equals(m.get("format"))) {
            throw new IllegalArgumentException("unsupported state format " + m.get("format"));
        }
        SlotInfo a = slot(m, Slot.A);
        SlotInfo b = slot(m, Slot.B);
        FirmwareVersion highest = version(m.get("highest-version"));
        int attempts = Integer.parseInt(require(m, "trial.boot-attempts"));
        LastResult last = null;
        if (m.containsKey("last.event")) {
            String slot = m.get("last.slot");
            last = new LastResult(SlotEvent.valueOf(m.get("last.event")), slot == null ? null : Slot.fromId(slot),
                    version(m.get("last.version")), m.getOrDefault("last.detail", ""), instant(require(m, "last.at")));
        }
        return new SlotState(a, b, highest, attempts, last);
    }

    private static SlotInfo slot(Map<String, String> m, Slot slot) {
        String p = "slot." + slot.id() + ".";
        return new SlotInfo(SlotStatus.valueOf(require(m, p + "status")), version(m.get(p + "version")),
                m.getOrDefault(p + "reason", ""), m.containsKey(p + "since") ? instant(m.get(p + "since")) : null);
    }

    private static String require(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return v;
    }

    private static FirmwareVersion version(String v) {
        return v == null ? null : FirmwareVersion.parse(v);
    }

    private static Instant instant(String v) {
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad time " + v, e);
        }
    }
}
