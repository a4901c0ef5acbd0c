package org.openami.concentrator.bench.heap;

import java.lang.management.ManagementFactory;
import org.openami.concentrator.collector.CollectorCounters;
import org.openami.concentrator.store.StoreStatistics;

/**
 * Cumulative figures of the concentrator under test at one moment, to take differences of.
 *
 * @param wallNanos  {@link System#nanoTime()}
 * @param cpuNanos   this JVM's CPU time, or -1
 * @param added      readings new to the store so far
 * @param delivered  entries the uplink marked delivered so far
 * @param counters   the scheduler's counters
 * @param store      the store's statistics
 */
record Snapshot(long wallNanos, long cpuNanos, long added, long delivered, CollectorCounters counters,
                StoreStatistics store) {

    static Snapshot take(long added, long delivered, CollectorCounters counters, StoreStatistics store) {
        long cpu = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            cpu = os.getProcessCpuTime();
        }
        return new Snapshot(System.nanoTime(), cpu, added, delivered, counters, store);
    }

    double wallSecondsSince(Snapshot before) {
        return (wallNanos - before.wallNanos) / 1e9;
    }

    /** CPU cores this JVM used on average since {@code before}, or -1. */
    double coresSince(Snapshot before) {
        return cpuNanos < 0 || before.cpuNanos < 0 ? -1 : (double) (cpuNanos - before.cpuNanos) / (wallNanos - before.wallNanos);
    }
}
