package org.openami.concentrator.bench.bus;

import java.util.Arrays;

/** A growable list of nanosecond samples with percentiles. Not thread-safe. */
final class Samples {

    private long[] values = new long[256];
    private int size;

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    /** The {@code p}-th percentile (nearest rank), or 0 when empty. */
    long percentile(double p) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }
}
