package org.openami.concentrator.bench.heap;

import java.util.ArrayList;
import java.util.List;

/**
 * Heap-after-GC samples of one simulated day, bytes, in order. Not thread-safe.
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

    /** Largest sample of the first half of the day. */
    long firstHalfMax() {
        return used.subList(0, used.size() / 2).stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** Largest sample of the second half of the day. */
    long secondHalfMax() {
        return used.subList(used.size() / 2, used.size()).stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
