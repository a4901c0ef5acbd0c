package org.openami.meter.engine;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.openami.meter.event.EventType;
import org.openami.meter.event.MeterEvent;
import org.openami.meter.freeze.FreezeRecord;
import org.openami.meter.freeze.LoadProfilePoint;

/**
 * Where the engine keeps what must survive a power cut. Owned by the engine; the
 * power-fail-safe file implementation is {@code org.openami.meter.store.FileMeterJournal}.
 * Each call is durable when it returns (within the implementation's sync policy); a
 * crash during a call loses at most that call's write, never earlier ones.
 */
public interface MeterJournal extends AutoCloseable {

    /** The kinds of freeze the meter keeps, with how many of each. */
    enum FreezeKind {
        DAILY(62), MONTHLY(12), INSTANT(3);

        private final int capacity;

        FreezeKind(int capacity) {
            this.capacity = capacity;
        }

        public int capacity() {
            return capacity;
        }
    }

    /** Largest live-state snapshot {@link #saveLive} is given. */
    int MAX_LIVE_BYTES = 4096;

    /** Load profile points kept: 96 a day for 31 days. */
    int PROFILE_CAPACITY = 96 * 31;

    Optional<byte[]> loadLive() throws IOException;

    void saveLive(byte[] state) throws IOException;

    Optional<MeterParameters> loadParameters() throws IOException;

    void saveParameters(MeterParameters p) throws IOException;

    void appendFreeze(FreezeKind kind, FreezeRecord r) throws IOException;

    /** Newest first; at most {@link FreezeKind#capacity()}. */
    List<FreezeRecord> freezes(FreezeKind kind);

    void appendProfile(LoadProfilePoint p) throws IOException;

    /** Oldest first. */
    List<LoadProfilePoint> profile();

    void appendEvent(MeterEvent e) throws IOException;

    /** Newest first; at most {@link EventType#CAPACITY}. */
    List<MeterEvent> events(EventType type);

    /** How many events of {@code type} were ever recorded (since the last event clear). */
    long eventCount(EventType type);

    /** Forgets every event of {@code type}. */
    void clearEvents(EventType type) throws IOException;

    /** Meter clear: forgets freezes, profile and every event. */
    void clearHistory() throws IOException;

    @Override
    void close();
}
