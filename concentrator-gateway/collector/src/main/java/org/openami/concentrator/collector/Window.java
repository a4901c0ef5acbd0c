package org.openami.concentrator.collector;

import java.time.LocalDate;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.openami.concentrator.archive.MeterRecord;
import org.openami.concentrator.channel.Priority;

/**
 * One collection job: one {@link ReadTask} for a set of meters, between an opening and a
 * closing time, in retry rounds. Per-meter state is kept in bit sets indexed by measurement
 * point (2,041 bits each), so a window costs a few hundred bytes whatever the meter count.
 *
 * <p>Not thread-safe: guarded by the scheduler's lock.
 */
final class Window {

    /** Most urgent first: lower priority ordinal, then earlier end, then older. */
    static final Comparator<Window> URGENCY = Comparator.<Window>comparingInt(w -> w.priority.ordinal())
            .thenComparingLong(w -> w.endAt)
            .thenComparingLong(w -> w.sequence);

    final Cadence cadence;
    final long period;
    final long sequence;
    final TaskKind kind;
    final ReadTask task;
    final Priority priority;
    final LocalDate statisticsDay;
    final long openAt;
    final long endAt;
    final long roundInterval;
    final int maxRounds;
    /** Whether data the sink already has counts as collected (true) or takes the meter out of the window (back-fill). */
    final boolean storedCountsAsCollected;

    int roundsStarted;
    long nextRoundAt;
    boolean open = true;

    /** Meters the task is due for. */
    final BitSet targets = new BitSet(MeterRecord.MAX_POINT + 1);
    /** Meters whose data is collected (read now or found in the sink). */
    final BitSet collected = new BitSet(MeterRecord.MAX_POINT + 1);
    /** Meters whose reader said the task is not supported. */
    final BitSet unsupported = new BitSet(MeterRecord.MAX_POINT + 1);
    /** Meters that answered and refused (no such data): failed, not retried in this window. */
    final BitSet refused = new BitSet(MeterRecord.MAX_POINT + 1);
    /** Meters left out because the sink already had the data (back-fill only). */
    final BitSet excluded = new BitSet(MeterRecord.MAX_POINT + 1);
    /** Meters a read was sent to at least once. */
    final BitSet attempted = new BitSet(MeterRecord.MAX_POINT + 1);
    /** Meters waiting for a free slot on their channel, by channel id. */
    private final Map<String, BitSet> queued = new HashMap<>();
    private int queuedCount;

    Window(Cadence cadence, long period, long sequence, TaskKind kind, ReadTask task, Priority priority,
           long roundInterval, int maxRounds, boolean storedCountsAsCollected) {
        this.cadence = cadence;
        this.period = period;
        this.sequence = sequence;
        this.kind = kind;
        this.task = task;
        this.priority = priority;
        this.statisticsDay = cadence.statisticsDay(period);
        this.openAt = cadence.openAt(period);
        this.endAt = cadence.endAt(period);
        this.roundInterval = roundInterval;
        this.maxRounds = maxRounds;
        this.storedCountsAsCollected = storedCountsAsCollected;
        this.nextRoundAt = openAt;
    }

    /** Meters the task counts for: targets that support it and were not already stored (back-fill). */
    BitSet expected() {
        BitSet b = (BitSet) targets.clone();
        b.andNot(unsupported);
        b.andNot(excluded);
        return b;
    }

    /** Expected meters not collected yet. */
    BitSet unresolved() {
        BitSet b = expected();
        b.andNot(collected);
        return b;
    }

    /** Unresolved meters worth another round (not refused). */
    BitSet retryable() {
        BitSet b = unresolved();
        b.andNot(refused);
        return b;
    }

    /** Whether another round may still start. */
    boolean hasRoundsLeft() {
        return roundsStarted < maxRounds && nextRoundAt < endAt;
    }

    /** Marks a round started at {@code now} and schedules the next one on the round grid after {@code now}. */
    void startRound(long now) {
        roundsStarted++;
        long k = Math.floorDiv(now - openAt, roundInterval) + 1;
        nextRoundAt = openAt + Math.max(1, k) * roundInterval;
    }

    void queue(int point, String channel) {
        BitSet b = queued.computeIfAbsent(channel, c -> new BitSet(MeterRecord.MAX_POINT + 1));
        if (!b.get(point)) {
            b.set(point);
            queuedCount++;
        }
    }

    /** Takes the lowest queued point of {@code channel}, or -1. */
    int poll(String channel) {
        BitSet b = queued.get(channel);
        if (b == null) {
            return -1;
        }
        int p = b.nextSetBit(0);
        if (p >= 0) {
            b.clear(p);
            queuedCount--;
        }
        return p;
    }

    /** Removes {@code point} from the queue of {@code channel}; whether it was queued there. */
    boolean unqueue(int point, String channel) {
        BitSet b = queued.get(channel);
        if (b != null && b.get(point)) {
            b.clear(point);
            queuedCount--;
            return true;
        }
        return false;
    }

    /** Removes {@code point} from whichever channel queue holds it. */
    void unqueue(int point) {
        for (BitSet b : queued.values()) {
            if (b.get(point)) {
                b.clear(point);
                queuedCount--;
            }
        }
    }

    /** All queued points, whatever the channel. */
    BitSet queuedPoints() {
        BitSet all = new BitSet(MeterRecord.MAX_POINT + 1);
        for (BitSet b : queued.values()) {
            all.or(b);
        }
        return all;
    }

    /** Channels with at least one queued point. */
    Iterator<Map.Entry<String, BitSet>> queues() {
        return queued.entrySet().iterator();
    }

    int queuedCount() {
        return queuedCount;
    }

    void clearQueues() {
        queued.clear();
        queuedCount = 0;
    }

    /** Forgets a meter removed from the archive. */
    void remove(int point) {
        unqueue(point);
        targets.clear(point);
        collected.clear(point);
        unsupported.clear(point);
        refused.clear(point);
        excluded.clear(point);
        attempted.clear(point);
    }

    @Override
    public String toString() {
        return kind == TaskKind.BACKFILL ? "back-fill of " + ((ReadTask.DailyFreeze) task).day() : cadence.describe(period);
    }
}
