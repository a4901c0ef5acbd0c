package org.openami.concentrator.collector.bench;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.openami.concentrator.archive.MeterProtocol;
import org.openami.concentrator.archive.MeterRecord;
import org.openami.concentrator.channel.LineSettings;
import org.openami.concentrator.collector.CollectionScheduler;
import org.openami.concentrator.collector.CollectionSink;
import org.openami.concentrator.collector.CollectorSettings;
import org.openami.concentrator.collector.DayStatistics;
import org.openami.concentrator.collector.MeterReader;
import org.openami.concentrator.collector.ReadTask;
import org.openami.concentrator.collector.TaskKind;
import org.openami.concentrator.model.MeterEvent;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

/**
 * Runs a full concentrator (2,040 meters on 8 channels by default) through a simulated week,
 * one tick per simulated second, with a reader that answers at once and a store that only
 * counts (and remembers which daily/monthly freezes it has, in bit sets). Prints the heap in
 * use after GC before and after, the ticks and reads per second of wall time, and the last
 * day's statistics. Not a test: figures depend on the machine. Run under {@code -Xmx64m} to
 * show that the scheduler's memory does not grow with days or readings (see the README).
 *
 * <p>Arguments (optional): meters, days, channels.
 */
public final class CollectorBenchmark {

    private CollectorBenchmark() {
    }

    public static void main(String[] args) {
        int meters = args.length > 0 ? Integer.parseInt(args[0]) : MeterRecord.MAX_POINT;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int channels = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        Instant start = LocalDate.of(2024, 5, 1).atStartOfDay(zone).toInstant();

        long baseline = heapAfterGc();
        SteppedClock clock = new SteppedClock(start);
        CountingStore store = new CountingStore();
        MeterReader instant = (m, task, priority, attempts) -> CompletableFuture.completedFuture(List.of(
                new Reading(m.point(), m.address(), task.kind(), Quantity.ENERGY_FORWARD_ACTIVE_TOTAL,
                        task instanceof ReadTask.Realtime ? clock.millis() : task.dataTime(zone),
                        m.point() * 1000L, clock.millis())));
        CollectionScheduler scheduler = new CollectionScheduler(instant, store, clock, zone, CollectorSettings.defaults());
        List<MeterRecord> archive = new ArrayList<>(meters);
        for (int p = 1; p <= meters; p++) {
            archive.add(new MeterRecord(p, String.format("%012d", 310_000_000_000L + p), MeterProtocol.DLT645_2007,
                    "rs485-" + (1 + p % channels), LineSettings.DLT645_DEFAULT, 1, 1, "TA-01", "", "", false, ""));
        }
        scheduler.setMeters(archive);

        long ticks = (long) days * 86_400;
        long t0 = System.nanoTime();
        long maxAfterGc = 0;
        for (long i = 0; i < ticks; i++) {
            scheduler.tick();
            clock.advanceSeconds(1);
            if (i % 86_400 == 86_399) {
                long used = heapAfterGc() - baseline;
                maxAfterGc = Math.max(maxAfterGc, used);
                System.out.printf("day %d: heap in use after GC %,d kB (above baseline), readings %,d%n",
                        i / 86_400 + 1, used / 1024, store.readings);
            }
        }
        long nanos = System.nanoTime() - t0;
        long used = heapAfterGc() - baseline;
        double seconds = nanos / 1e9;
        System.out.printf("%,d meters, %d channels, %d days: %,d ticks in %.1f s = %,.0f ticks/s; %,d reads = %,.0f reads/s%n",
                meters, channels, days, ticks, seconds, ticks / seconds, scheduler.counters().submitted(),
                scheduler.counters().submitted() / seconds);
        System.out.printf("heap in use after GC above baseline: %,d kB at the end, %,d kB at most (max heap %,d MB)%n",
                used / 1024, maxAfterGc / 1024, Runtime.getRuntime().maxMemory() / (1024 * 1024));
        LocalDate last = LocalDate.ofInstant(clock.instant(), zone).minusDays(1);
        DayStatistics stats = scheduler.statistics(last).orElseThrow();
        for (TaskKind k : List.of(TaskKind.CURVE, TaskKind.DAILY_FREEZE, TaskKind.BACKFILL, TaskKind.MONTHLY_FREEZE)) {
            System.out.printf("%s %s: %d/%d meters, %d per mille%n", last, k, stats.task(k).collectedMeters(),
                    stats.task(k).expectedMeters(), stats.task(k).perMille());
        }
        System.out.println(scheduler.counters());
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** A clock the benchmark steps; read from the tick thread only. */
    private static final class SteppedClock extends Clock {
        private long millis;

        SteppedClock(Instant start) {
            millis = start.toEpochMilli();
        }

        void advanceSeconds(long s) {
            millis += s * 1000;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public long millis() {
            return millis;
        }
    }

    /** Counts readings; remembers stored daily and monthly freezes per data time in bit sets (curves: not kept). */
    private static final class CountingStore implements CollectionSink {
        long readings;
        long events;
        private final Map<Long, BitSet> freezes = new HashMap<>();

        @Override
        public void accept(List<Reading> batch) {
            readings += batch.size();
            for (Reading r : batch) {
                if (r.kind() == ReadingKind.DAILY_FREEZE || r.kind() == ReadingKind.MONTHLY_FREEZE) {
                    freezes.computeIfAbsent(r.dataTime() * 2 + (r.kind() == ReadingKind.MONTHLY_FREEZE ? 1 : 0),
                            t -> new BitSet()).set(r.point());
                }
            }
            if (freezes.size() > 64) {
                freezes.keySet().stream().sorted().limit(freezes.size() - 64L).toList().forEach(freezes::remove);
            }
        }

        @Override
        public void event(MeterEvent event) {
            events++;
        }

        @Override
        public boolean has(Reading.Key key) {
            if (key.kind() != ReadingKind.DAILY_FREEZE && key.kind() != ReadingKind.MONTHLY_FREEZE) {
                return false;
            }
            BitSet b = freezes.get(key.dataTime() * 2 + (key.kind() == ReadingKind.MONTHLY_FREEZE ? 1 : 0));
            return b != null && b.get(key.point());
        }
    }
}
