package org.openami.concentrator.collector;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * What the scheduler collected on one day (in its zone), per task kind. Immutable snapshot.
 *
 * <p>Work is counted on the day its window opened: the day's {@link TaskKind#CURVE} points,
 * the {@link TaskKind#DAILY_FREEZE} read that day (the freeze that closes the day before),
 * that day's {@link TaskKind#BACKFILL} and, on the settlement day, the
 * {@link TaskKind#MONTHLY_FREEZE} of the previous month.
 *
 * @param day   the day
 * @param tasks one entry per kind except {@link TaskKind#REALTIME}
 */
public record DayStatistics(LocalDate day, Map<TaskKind, TaskStatistics> tasks) {

    public DayStatistics {
        Objects.requireNonNull(day, "day");
        tasks = Map.copyOf(tasks);
    }

    /** The statistics of one task kind. */
    public TaskStatistics task(TaskKind kind) {
        TaskStatistics t = tasks.get(kind);
        if (t == null) {
            throw new IllegalArgumentException("no statistics are kept for " + kind);
        }
        return t;
    }
}
