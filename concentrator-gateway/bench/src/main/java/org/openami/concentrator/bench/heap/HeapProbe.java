package org.openami.concentrator.bench.heap;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/** The heap in use after a full collection: what the process needs to keep its data. */
final class HeapProbe {

    private HeapProbe() {
    }

    /** Collects ({@link System#gc()}) and returns the heap then used and committed, bytes. */
    static MemoryUsage afterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    }
}
