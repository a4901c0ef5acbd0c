package org.openami.concentrator.bench.heap;

import java.util.ArrayList;
import java.util.List;

/**
 * Heap-after-GC samples of one simulated day, bytes, in order. The maximum is the peak the
 * process needed (a sample can fall in a store compaction or an uplink batch); the median is
 * what it keeps, and whether that grows tells a leak from work in progress. Not thread-safe.
 */
final class HeapSamples {

    private final List<Long> used = new ArrayList<>();

    void add(long bytes) {
        used.add(bytes);
    }

    boolean isEmpty() {
        return used.isEmpty();
    }

    long max() {
        return used.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    long min() {
        return used.stream().mapToLong(Long::longValue).min().orElse(0);
    }

    long last() {
        return used.isEmpty() ? 0 : used.get(used.size() - 1);
    }

    /** The median sample: the heap the process keeps, without the peaks of work in progress. */
    long median() {
        return median(used);
    }

    /** Median of the first half of the day's samples. */
    long firstHalfMedian() {
        return median(used.subList(0, used.size() / 2));
    }

    /** Median of the second half of the day's samples. */
    long secondHalfMedian() {
        return median(used.subList(used.size() / 2, used.size()));
    }

    /** The samples in MB with one decimal, space-separated. */
    String describe() {
        StringBuilder b = new StringBuilder();
        for (long u : used) {
            b.append(b.length() == 0 ? "" : " ").append(String.format(java.util.Locale.ROOT, "%.1f", u / (1024.0 * 1024)));
        }
        return b.toString();
    }

    private static long median(List<Long> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get((sorted.size() - 1) / 2);
    }
}
