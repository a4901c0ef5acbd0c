package org.openami.concentrator.bench.heap;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.openami.concentrator.bench.Logging;
import org.openami.concentrator.bench.sim.FastClock;
import org.openami.concentrator.channel.BusChannel;
import org.openami.concentrator.channel.BusTiming;
import org.openami.concentrator.channel.Channel;
import org.openami.concentrator.channel.LineSettings;
import org.openami.concentrator.channel.rs485.Rs485Options;
import org.openami.concentrator.channel.rs485.SerialTransport;
import org.openami.concentrator.collector.CollectionScheduler;
import org.openami.concentrator.collector.CollectorSettings;
import org.openami.concentrator.collector.DayStatistics;
import org.openami.concentrator.collector.TaskKind;
import org.openami.concentrator.collector.TaskStatistics;
import org.openami.concentrator.store.ForwardStore;
import org.openami.concentrator.store.StoreSettings;
import org.openami.concentrator.store.StoreStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The concentrator under test of {@code ami bench heap}, run by {@link org.openami.concentrator.bench.HeapBench}
 * in a child JVM with a capped heap: the real collector ({@link CollectionScheduler}, default
 * SGCC settings) reading every meter of the archive through real {@link BusChannel}s over
 * pseudo-terminals with the real DL/T 645 master, storing into a real {@link ForwardStore},
 * with an uplink that marks everything delivered and periodic store housekeeping, on a
 * {@link FastClock}. Every simulated hour it collects the heap and records what is in use;
 * after each simulated day (at 00:02 of the next, when the day's last curve window has closed)
 * it prints the day's figures; at the end, the maximum and whether the heap stayed flat.
 *
 * <p>Stdout: figures. Stderr: warnings. Exits when the parent process does.
 */
@Command(name = "heap-concentrator", hidden = true, mixinStandardHelpOptions = true,
        description = "The concentrator under test of ami bench heap (started by it).")
public final class ConcentratorRun implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ConcentratorRun.class);
    private static final double MB = 1024 * 1024;

    /** The longest tick since the last day report, ns (a tick waits for the store while it compacts). */
    private final AtomicLong longestTick = new AtomicLong();

    @Option(names = "--meters", required = true)
    int meters;

    @Option(names = "--ports", required = true, split = ",", description = "the buses' ptys, in bus order")
    List<String> ports;

    @Option(names = "--start", required = true, description = "simulated instant at --origin")
    Instant start;

    @Option(names = "--origin", required = true, description = "wall-clock epoch microseconds of --start")
    long origin;

    @Option(names = "--speed", required = true)
    double speed;

    @Option(names = "--first-day", required = true)
    LocalDate firstDay;

    @Option(names = "--days", required = true)
    int days;

    @Option(names = "--zone", required = true)
    ZoneId zone;

    @Option(names = "--store", required = true)
    Path storeFile;

    @Option(names = "--tick-ms", defaultValue = "200")
    int tickMillis;

    @Option(names = "--housekeeping-seconds", defaultValue = "10")
    int housekeepingSeconds;

    @Option(names = "--no-uplink", negatable = false)
    boolean noUplink;

    @Option(names = "--store-max-mb", defaultValue = "256")
    int storeMaxMegabytes;

    public static void main(String[] args) {
        Logging.configure();
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(2)));
        System.exit(new CommandLine(new ConcentratorRun()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        FastClock clock = new FastClock(start, speed, origin, zone);
        int buses = ports.size();
        String gcs = String.join("+", ManagementFactory.getGarbageCollectorMXBeans().stream().map(g -> g.getName()).toList());
        System.out.printf(Locale.ROOT, "concentrator: %d meters on %d buses, clock x%.0f, max heap %.0f MB (%s), store %s"
                + " (limit %d MB)%n", meters, buses, speed, Runtime.getRuntime().maxMemory() / MB, gcs, storeFile, storeMaxMegabytes);
        List<BusChannel> channels = new ArrayList<>();
        try (ForwardStore store = ForwardStore.open(storeFile,
                StoreSettings.defaults().withMaxBytes((long) storeMaxMegabytes << 20), clock)) {
            Map<String, Channel> byId = new LinkedHashMap<>();
            for (int b = 0; b < buses; b++) {
                BusChannel c = new BusChannel(BenchArchive.channelId(b), new SerialTransport(ports.get(b), Rs485Options.plain()),
                        LineSettings.DLT645_DEFAULT, BusTiming.dlt645(), clock);
                channels.add(c);
                byId.put(c.id(), c);
            }
            StoreSink sink = new StoreSink(store);
            Dlt645Reader reader = new Dlt645Reader(byId, clock, zone);
            CollectionScheduler scheduler = new CollectionScheduler(reader, sink, clock, zone, CollectorSettings.defaults());
            scheduler.setMeters(BenchArchive.records(meters, buses));
            Uplink uplink = new Uplink(store);
            MemoryUsage startUp = HeapProbe.afterGc();
            System.out.printf(Locale.ROOT, "start-up at %s: heap after GC %.1f MB%n", clock.instant().atZone(zone)
                    .toLocalDateTime(), startUp.getUsed() / MB);
            ScheduledExecutorService exec = Executors.newScheduledThreadPool(3, daemons());
            try {
                exec.scheduleAtFixedRate(() -> timedTick(scheduler), 0, tickMillis, TimeUnit.MILLISECONDS);
                if (!noUplink) {
                    exec.scheduleWithFixedDelay(uplink, 1, 1, TimeUnit.SECONDS);
                }
                exec.scheduleWithFixedDelay(() -> housekeeping(store), housekeepingSeconds, housekeepingSeconds,
                        TimeUnit.SECONDS);
                return run(clock, scheduler, sink, uplink, reader, store);
            } finally {
                // no interrupts: an interrupted thread in FileChannel I/O closes the channel and fails the store
                exec.shutdown();
                if (!exec.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("collector threads did not stop within 30 s");
                }
            }
        } finally {
            for (BusChannel c : channels) {
                c.close();
            }
        }
    }

    private int run(FastClock clock, CollectionScheduler scheduler, StoreSink sink, Uplink uplink, Dlt645Reader reader,
            ForwardStore store) throws Exception {
        List<HeapSamples> perDay = new ArrayList<>();
        Snapshot previous = Snapshot.take(sink.added(), uplink.delivered(), scheduler.counters(), store.statistics());
        boolean keptUp = true;
        for (int d = 0; d < days; d++) {
            LocalDate day = firstDay.plusDays(d);
            HeapSamples samples = new HeapSamples();
            for (int h = 1; h <= 24; h++) {
                // the last sample at 00:02, after the day's last curve window (23:45 + 1 min offset) closed
                Instant at = day.atStartOfDay(zone).plusHours(h).plusMinutes(h == 24 ? 2 : 0).toInstant();
                Thread.sleep(clock.wallMillisUntil(at));
                samples.add(HeapProbe.afterGc().getUsed());
            }
            perDay.add(samples);
            Snapshot now = Snapshot.take(sink.added(), uplink.delivered(), scheduler.counters(), store.statistics());
            keptUp &= report(day, samples, previous, now, scheduler, sink);
            previous = now;
        }
        summary(perDay, scheduler, store.statistics(), keptUp);
        System.out.println("  failed reads by reason: " + reader.failures());
        return 0;
    }

    private boolean report(LocalDate day, HeapSamples heap, Snapshot before, Snapshot now, CollectionScheduler scheduler,
            StoreSink sink) {
        double wall = now.wallSecondsSince(before);
        long submitted = now.counters().submitted() - before.counters().submitted();
        long failed = now.counters().failed() - before.counters().failed();
        StoreStatistics s = now.store();
        long tick = longestTick.getAndSet(0);
        System.out.printf(Locale.ROOT, "%s: %,d readings stored, %,d reads (%,d failed) in %.0f s wall = %.0f reads/s,"
                        + " CPU %.2f cores, longest tick %.1f s (%.0f simulated min)%n", day, now.added() - before.added(),
                submitted, failed, wall, submitted / wall, now.coresSince(before), tick / 1e9, tick / 1e9 * speed / 60);
        boolean keptUp = true;
        DayStatistics stats = scheduler.statistics(day).orElse(null);
        if (stats == null) {
            System.out.println("  collection: no statistics for the day");
            keptUp = false;
        } else {
            StringBuilder line = new StringBuilder("  collection:");
            for (TaskKind k : List.of(TaskKind.CURVE, TaskKind.DAILY_FREEZE, TaskKind.BACKFILL, TaskKind.MONTHLY_FREEZE)) {
                TaskStatistics t = stats.task(k);
                line.append(String.format(Locale.ROOT, " %s %d/%d (%d per mille%s)", k.name().toLowerCase(Locale.ROOT),
                        t.collectedMeters(), t.expectedMeters(), t.perMille(),
                        t.pendingMeters() > 0 ? ", " + t.pendingMeters() + " pending" : ""));
            }
            System.out.println(line);
            TaskStatistics curve = stats.task(TaskKind.CURVE);
            keptUp = curve.expectedMeters() == meters && curve.collectedMeters() == meters;
        }
        long missed = now.counters().missedQuarters() - before.counters().missedQuarters();
        keptUp &= missed == 0;
        shortQuarters(day, scheduler, sink);
        System.out.printf(Locale.ROOT, "  heap after GC: max %.1f MB, median %.1f MB, min %.1f MB (max heap %.0f MB); hourly: %s%n",
                heap.max() / MB, heap.median() / MB, heap.min() / MB, Runtime.getRuntime().maxMemory() / MB,
                heap.describe());
        System.out.printf(Locale.ROOT, "  store: file %.1f MB, %,d undelivered, %,d delivered kept, %,d delivered today,"
                        + " chunks %d %% full, %d compactions so far, %,d evicted%n", s.fileBytes() / MB, s.undelivered(),
                s.delivered(), now.delivered() - before.delivered(), s.chunkFillPercent(), s.compactions(),
                s.evictedDelivered() + s.evictedUndelivered());
        if (!keptUp) {
            System.out.printf("  collection did not keep up with the clock (%d quarters missed): lower --speed%n", missed);
        }
        return keptUp;
    }

    /** Prints the day's quarter hours whose curve points did not all arrive (a few of them). */
    private void shortQuarters(LocalDate day, CollectionScheduler scheduler, StoreSink sink) {
        long from = day.atStartOfDay(zone).toInstant().toEpochMilli();
        long to = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        Map<Long, Long> got = sink.curvePoints(from, to);
        List<String> shortOnes = new ArrayList<>();
        int quarters = 0;
        for (long q = from; q < to; q += 15 * 60_000L) {
            quarters++;
            long n = got.getOrDefault(q, 0L);
            if (n < meters) {
                shortOnes.add(String.format(Locale.ROOT, "%s %d", Instant.ofEpochMilli(q).atZone(zone).toLocalTime(), n));
            }
        }
        if (!shortOnes.isEmpty()) {
            System.out.printf(Locale.ROOT, "  curve: %d of %d quarters short of %d meters: %s%s%n", shortOnes.size(), quarters,
                    meters, String.join(", ", shortOnes.subList(0, Math.min(8, shortOnes.size()))),
                    shortOnes.size() > 8 ? ", ..." : "");
        }
    }

    private void summary(List<HeapSamples> perDay, CollectionScheduler scheduler, StoreStatistics store, boolean keptUp) {
        long max = perDay.stream().mapToLong(HeapSamples::max).max().orElse(0);
        HeapSamples last = perDay.get(perDay.size() - 1);
        long slack = Math.max(1 << 20, last.median() / 20);
        System.out.printf(Locale.ROOT, "summary: max heap after GC %.1f MB of %.0f MB; no OutOfMemoryError%n", max / MB,
                Runtime.getRuntime().maxMemory() / MB);
        // a leak shows in what the process keeps (the median), not in the peaks of work in progress
        boolean flat = last.secondHalfMedian() <= last.firstHalfMedian() + slack;
        String across = "";
        if (perDay.size() > 1) {
            HeapSamples before = perDay.get(perDay.size() - 2);
            flat &= last.median() <= before.median() + slack;
            across = String.format(Locale.ROOT, "; last day median %.1f MB vs the day before %.1f MB", last.median() / MB,
                    before.median() / MB);
        }
        System.out.printf(Locale.ROOT, "  heap kept (median after GC): last day first half %.1f MB, second half %.1f MB%s"
                        + " -> %s (tolerance %.1f MB)%n", last.firstHalfMedian() / MB, last.secondHalfMedian() / MB, across,
                flat ? "flat" : "GROWING", slack / MB);
        System.out.printf(Locale.ROOT, "  collection kept up with the clock every day: %s; store file %.1f MB (peak %.1f MB)%n",
                keptUp ? "yes" : "NO", store.fileBytes() / MB, store.peakFileBytes() / MB);
        System.out.println("  " + scheduler.counters());
    }

    private void timedTick(CollectionScheduler scheduler) {
        long t0 = System.nanoTime();
        scheduler.tick();
        longestTick.accumulateAndGet(System.nanoTime() - t0, Math::max);
    }

    private static void housekeeping(ForwardStore store) {
        try {
            store.housekeeping();
        } catch (Exception e) {
            LOG.warn("store housekeeping failed: {}", e.toString());
        }
    }

    private static java.util.concurrent.ThreadFactory daemons() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "concentrator-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
