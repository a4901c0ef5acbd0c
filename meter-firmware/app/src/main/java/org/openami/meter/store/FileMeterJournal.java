package org.openami.meter.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openami.meter.engine.MeterJournal;
import org.openami.meter.engine.MeterParameters;
import org.openami.meter.event.EventType;
import org.openami.meter.event.MeterEvent;
import org.openami.meter.freeze.FreezeRecord;
import org.openami.meter.freeze.LoadProfilePoint;
import org.openami.meter.storage.RecordRing;
import org.openami.meter.storage.StoredRecord;
import org.openami.meter.storage.SnapshotFile;
import org.openami.meter.storage.StorageException;
import org.openami.meter.storage.SyncPolicy;

/**
 * The meter's journal in a data directory, every file power-fail safe:
 * <pre>
 *   live.snap              registers + chip accumulator + demand + relay (ping-pong snapshot, every second)
 *   params.snap            programmable parameters (ping-pong snapshot, on writes)
 *   freeze-daily.ring      62 daily freezes        freeze-monthly.ring  12 settlements
 *   freeze-instant.ring    3 commanded freezes     profile.ring         96 x 31 load-profile points
 *   events-TYPE.ring       100 events of each type
 * </pre>
 * Each file is locked against a second meter process on the same directory.
 */
public final class FileMeterJournal implements MeterJournal {

    private SnapshotFile live;
    private SnapshotFile params;
    private CachedRing<LoadProfilePoint> profile;
    private final Map<FreezeKind, CachedRing<FreezeRecord>> freezes = new EnumMap<>(FreezeKind.class);
    private final Map<EventType, CachedRing<MeterEvent>> events = new EnumMap<>(EventType.class);
    private final List<AutoCloseable> opened = new ArrayList<>();

    private FileMeterJournal(Path dir, SyncPolicy sync) throws IOException {
        try {
            openFiles(dir, sync);
        } catch (IOException | RuntimeException e) {
            close(); // release the files (and their locks) opened so far
            throw e;
        }
    }

    private void openFiles(Path dir, SyncPolicy sync) throws IOException {
        live = track(SnapshotFile.open(dir.resolve("live.snap"), MAX_LIVE_BYTES, sync));
        params = track(SnapshotFile.open(dir.resolve("params.snap"), MeterParameters.MAX_BYTES, sync));
        for (FreezeKind k : FreezeKind.values()) {
            freezes.put(k, track(new CachedRing<>(RecordRing.open(dir.resolve("freeze-" + k.name().toLowerCase() + ".ring"),
                    k.capacity(), FreezeRecord.BYTES, sync), FreezeRecord::decode, FreezeRecord::encode)));
        }
        profile = track(new CachedRing<>(RecordRing.open(dir.resolve("profile.ring"), PROFILE_CAPACITY, LoadProfilePoint.BYTES, sync),
                LoadProfilePoint::decode, LoadProfilePoint::encode));
        for (EventType t : EventType.values()) {
            events.put(t, track(new CachedRing<>(RecordRing.open(dir.resolve("events-" + t.name().toLowerCase() + ".ring"),
                    EventType.CAPACITY, MeterEvent.BYTES, sync), MeterEvent::decode, MeterEvent::encode)));
        }
    }

    /**
     * Opens (creating if needed) the journal in {@code dir}.
     *
     * @throws IOException naming the file if one is damaged beyond repair, made with other
     *                     parameters, or locked by another process
     */
    public static FileMeterJournal open(Path dir, SyncPolicy sync) throws IOException {
        Files.createDirectories(dir);
        return new FileMeterJournal(dir, sync);
    }

    private <T extends AutoCloseable> T track(T t) {
        opened.add(t);
        return t;
    }

    @Override
    public Optional<byte[]> loadLive() throws IOException {
        return live.load().map(StoredRecord::payload);
    }

    @Override
    public void saveLive(byte[] state) throws IOException {
        live.write(state);
    }

    @Override
    public Optional<MeterParameters> loadParameters() throws IOException {
        Optional<StoredRecord> s = params.load();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MeterParameters.decode(s.get().payload()));
        } catch (RuntimeException e) {
            throw new IOException("stored parameters in " + params.file() + " are unreadable: " + e.getMessage(), e);
        }
    }

    @Override
    public void saveParameters(MeterParameters p) throws IOException {
        params.write(p.encode());
    }

    @Override
    public void appendFreeze(FreezeKind kind, FreezeRecord r) throws IOException {
        freezes.get(kind).append(r);
    }

    @Override
    public List<FreezeRecord> freezes(FreezeKind kind) {
        return freezes.get(kind).newestFirst();
    }

    @Override
    public void appendProfile(LoadProfilePoint p) throws IOException {
        profile.append(p);
    }

    @Override
    public List<LoadProfilePoint> profile() {
        return profile.oldestFirst();
    }

    @Override
    public void appendEvent(MeterEvent e) throws IOException {
        events.get(e.type()).append(e);
    }

    @Override
    public List<MeterEvent> events(EventType type) {
        return events.get(type).newestFirst();
    }

    @Override
    public long eventCount(EventType type) {
        return events.get(type).count();
    }

    @Override
    public void clearEvents(EventType type) throws StorageException {
        events.get(type).clear();
    }

    @Override
    public void clearHistory() throws StorageException {
        for (var r : freezes.values()) {
            r.clear();
        }
        profile.clear();
        for (var r : events.values()) {
            r.clear();
        }
    }

    @Override
    public void close() {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing a file never fails in a way worth reporting at shutdown
            }
        }
    }
}
