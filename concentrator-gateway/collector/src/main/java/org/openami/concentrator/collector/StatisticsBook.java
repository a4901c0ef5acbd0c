package org.openami.concentrator.collector;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openami.concentrator.archive.MeterRecord;

/**
 * Per-day, per-task success, as bit sets of measurement points: for each kept day and task
 * kind three sets of 2,041 bits (expected, succeeded, failed). Keeps the {@code keep} days
 * most recently created; older ones are dropped, so memory stays bounded (7 days × 4 kinds ×
 * 3 sets × 256 bytes ≈ 21 kB). Not thread-safe: guarded by the scheduler's lock.
 */
final class StatisticsBook {

    static final TaskKind[] KINDS = {TaskKind.CURVE, TaskKind.DAILY_FREEZE, TaskKind.BACKFILL, TaskKind.MONTHLY_FREEZE};

    /** One day's counts for one task kind. */
    static final class Tally {
        final BitSet expected = new BitSet(MeterRecord.MAX_POINT + 1);
        final BitSet succeeded = new BitSet(MeterRecord.MAX_POINT + 1);
        final BitSet failed = new BitSet(MeterRecord.MAX_POINT + 1);
    }

    private final int keep;
    private final Map<LocalDate, Map<TaskKind, Tally>> days;

    StatisticsBook(int keep) {
        this.keep = keep;
        this.days = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<LocalDate, Map<TaskKind, Tally>> eldest) {
                return size() > StatisticsBook.this.keep;
            }
        };
    }

    /** The tally of {@code kind} on {@code day}, created if needed. */
    Tally tally(LocalDate day, TaskKind kind) {
        return days.computeIfAbsent(day, d -> new EnumMap<>(TaskKind.class))
                .computeIfAbsent(kind, k -> new Tally());
    }

    /** Records a closed window. */
    void close(Window w, BitSet failed) {
        Tally t = tally(w.statisticsDay, w.kind);
        t.expected.or(w.expected());
        t.succeeded.or(w.collected);
        t.failed.or(failed);
    }

    /** Days kept, oldest first. */
    List<LocalDate> days() {
        return new ArrayList<>(days.keySet());
    }

    /** A snapshot of {@code day}: closed windows plus the still open {@code live} ones counted on that day. */
    Optional<DayStatistics> snapshot(LocalDate day, Collection<Window> live) {
        Map<TaskKind, Tally> tallies = days.get(day);
        if (tallies == null) {
            return Optional.empty();
        }
        Map<TaskKind, TaskStatistics> result = new EnumMap<>(TaskKind.class);
        for (TaskKind kind : KINDS) {
            BitSet expected = new BitSet(MeterRecord.MAX_POINT + 1);
            BitSet succeeded = new BitSet(MeterRecord.MAX_POINT + 1);
            BitSet failed = new BitSet(MeterRecord.MAX_POINT + 1);
            Tally t = tallies.get(kind);
            if (t != null) {
                expected.or(t.expected);
                succeeded.or(t.succeeded);
                failed.or(t.failed);
            }
            for (Window w : live) {
                if (w.open && w.kind == kind && w.statisticsDay.equals(day)) {
                    expected.or(w.expected());
                    succeeded.or(w.collected);
                }
            }
            succeeded.and(expected);
            failed.and(expected);
            BitSet collected = (BitSet) succeeded.clone();
            collected.andNot(failed);
            BitSet pending = (BitSet) expected.clone();
            pending.andNot(succeeded);
            pending.andNot(failed);
            int exp = expected.cardinality();
            int col = collected.cardinality();
            int perMille = exp == 0 ? 1000 : (int) (col * 1000L / exp);
            List<Integer> failedPoints = new ArrayList<>(failed.cardinality());
            failed.stream().forEach(failedPoints::add);
            result.put(kind, new TaskStatistics(kind, exp, col, pending.cardinality(), perMille, failedPoints));
        }
        return Optional.of(new DayStatistics(day, result));
    }
}
