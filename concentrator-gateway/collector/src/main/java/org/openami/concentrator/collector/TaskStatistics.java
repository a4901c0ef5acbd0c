package org.openami.concentrator.collector;

import java.util.List;
import java.util.Objects;

/**
 * How one kind of task went on one day, counted in meters. Immutable snapshot.
 *
 * <p>A meter is <em>expected</em> when the task was due for it that day (meters whose reader
 * said the task is not supported are not expected; for {@link TaskKind#BACKFILL} only meters
 * with a missing day are expected). It is <em>failed</em> when any of its reads of the task
 * was still missing at the end of its window that day (for {@link TaskKind#CURVE}: any
 * quarter-hour point, skipped quarters included), <em>collected</em> when it succeeded and
 * did not fail, and <em>pending</em> while its window is still open.
 *
 * @param task            the kind of task
 * @param expectedMeters  meters the task was due for
 * @param collectedMeters meters collected without a failure
 * @param pendingMeters   meters whose outcome is not known yet (window open)
 * @param perMille        {@code collectedMeters * 1000 / expectedMeters}, rounded down;
 *                        1000 when nothing was expected
 * @param failedPoints    measurement points of the failed meters, ascending
 */
public record TaskStatistics(TaskKind task, int expectedMeters, int collectedMeters, int pendingMeters,
                             int perMille, List<Integer> failedPoints) {

    public TaskStatistics {
        Objects.requireNonNull(task, "task");
        failedPoints = List.copyOf(failedPoints);
    }

    /** Number of failed meters. */
    public int failedMeters() {
        return failedPoints.size();
    }
}
