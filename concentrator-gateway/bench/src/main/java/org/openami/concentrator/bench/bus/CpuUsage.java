package org.openami.concentrator.bench.bus;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU figures over a window, to tell whether a benchmark was bound by the bus or by the CPU:
 * the whole machine's busy share (Linux {@code /proc/stat}; -1 elsewhere) and this JVM's CPU
 * time. Immutable snapshot; {@link #now()} takes one.
 *
 * @param machineBusy  jiffies the machine's CPUs were not idle, or -1
 * @param machineTotal jiffies in total, or -1
 * @param processNanos CPU time of this JVM, or -1
 * @param wallNanos    {@link System#nanoTime()} when taken
 */
public record CpuUsage(long machineBusy, long machineTotal, long processNanos, long wallNanos) {

    public static CpuUsage now() {
        long busy = -1;
        long total = -1;
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = first.trim().split("\\s+");
            if (f[0].equals("cpu")) {
                total = 0;
                for (int i = 1; i < f.length; i++) {
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
                busy = total - idle;
            }
        } catch (IOException | RuntimeException e) {
            busy = -1;
            total = -1;
        }
        long process = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            process = os.getProcessCpuTime();
        }
        return new CpuUsage(busy, total, process, System.nanoTime());
    }

    /** The machine's CPUs' busy share since {@code before}, 0..1 of all cores, or -1. */
    public double machineBusySince(CpuUsage before) {
        if (machineTotal < 0 || before.machineTotal < 0 || machineTotal == before.machineTotal) {
            return -1;
        }
        return (double) (machineBusy - before.machineBusy) / (machineTotal - before.machineTotal);
    }

    /** This JVM's CPU since {@code before}, in cores (1.0 = one core busy all the time), or -1. */
    public double processCoresSince(CpuUsage before) {
        if (processNanos < 0 || before.processNanos < 0) {
            return -1;
        }
        return (double) (processNanos - before.processNanos) / (wallNanos - before.wallNanos);
    }
}
