package org.openami.concentrator.collector;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.openami.concentrator.archive.MeterRecord;

/**
 * Per-meter collection health in flat arrays indexed by measurement point: last success per
 * task kind, consecutive failures, last failure. About 100 kB for 2,040 meters whatever
 * happens. Not thread-safe: guarded by the scheduler's lock.
 */
final class MeterHealth {

    private static final int SIZE = MeterRecord.MAX_POINT + 1;

    private final long[][] lastSuccess = new long[TaskKind.values().length][SIZE];
    private final boolean[][] succeededOnce = new boolean[TaskKind.values().length][SIZE];
    private final int[] consecutiveFailures = new int[SIZE];
    private final MeterStatus.Failure[] lastFailure = new MeterStatus.Failure[SIZE];

    void success(int point, TaskKind kind, long time) {
        lastSuccess[kind.ordinal()][point] = time;
        succeededOnce[kind.ordinal()][point] = true;
        consecutiveFailures[point] = 0;
    }

    void failure(int point, MeterStatus.Failure failure) {
        if (consecutiveFailures[point] < Integer.MAX_VALUE) {
            consecutiveFailures[point]++;
        }
        lastFailure[point] = failure;
    }

    /** The last failure of {@code point}, or null. */
    MeterStatus.Failure lastFailure(int point) {
        return lastFailure[point];
    }

    /** Forgets a meter (removed from the archive or replaced by another meter on its point). */
    void reset(int point) {
        for (int k = 0; k < lastSuccess.length; k++) {
            lastSuccess[k][point] = 0;
            succeededOnce[k][point] = false;
        }
        consecutiveFailures[point] = 0;
        lastFailure[point] = null;
    }

    MeterStatus snapshot(int point, String address) {
        Map<TaskKind, Long> last = new EnumMap<>(TaskKind.class);
        for (TaskKind k : TaskKind.values()) {
            if (succeededOnce[k.ordinal()][point]) {
                last.put(k, lastSuccess[k.ordinal()][point]);
            }
        }
        return new MeterStatus(point, address, last, consecutiveFailures[point], Optional.ofNullable(lastFailure[point]));
    }
}
