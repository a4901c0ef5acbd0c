package org.openami.concentrator.store.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;
import org.openami.concentrator.store.ForwardStore;
import org.openami.concentrator.store.HousekeepingReport;
import org.openami.concentrator.store.StoreSettings;
import org.openami.concentrator.store.StoreStatistics;
import org.openami.concentrator.store.StoredEntry;
import org.openami.concentrator.store.TestClock;

/**
 * Writes what one concentrator collects, a load curve of {@code --meters} meters (default
 * 2,040) with 96 quarter-hour points and {@code --quantities} quantities (default 4) a day, for
 * {@code --days} days (default 2), {@code --batch} readings per put (default one meter-day:
 * 96 x quantities), and prints puts/s, readings/s, file size and heap used. An uplink that keeps
 * up marks everything delivered every 100 puts unless {@code --no-uplink}; housekeeping runs
 * once a simulated hour. Other options: {@code --max-mb} (default 256), {@code --cache-mb}
 * (default 4), {@code --sync}, {@code --retention-days} (default 31), {@code --file} (default a
 * temporary file, deleted at the end). A benchmark, not a test: it asserts nothing and its
 * figures depend on the machine. Run it with {@code -Xmx64m} to check the heap bound (see README).
 */
public final class StoreBench {

    private static final long T0 = 1_735_689_600_000L; // 2025-01-01T00:00Z
    private static final long QUARTER = 900_000L;
    private static final long MIB = 1L << 20;

    private StoreBench() {
    }

    public static void main(String[] args) throws Exception {
        int meters = 2040;
        int quantities = 4;
        int days = 2;
        int batch = -1;
        long maxMb = 256;
        int cacheMb = 4;
        boolean sync = false;
        boolean uplink = true;
        int retentionDays = 31;
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--meters" -> meters = Integer.parseInt(args[++i]);
                case "--quantities" -> quantities = Integer.parseInt(args[++i]);
                case "--days" -> days = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--max-mb" -> maxMb = Long.parseLong(args[++i]);
                case "--cache-mb" -> cacheMb = Integer.parseInt(args[++i]);
                case "--sync" -> sync = true;
                case "--no-uplink" -> uplink = false;
                case "--retention-days" -> retentionDays = Integer.parseInt(args[++i]);
                case "--file" -> file = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (quantities < 1 || quantities > Quantity.values().length) {
            throw new IllegalArgumentException("--quantities must be 1.." + Quantity.values().length);
        }
        int perMeterDay = 96 * quantities;
        if (batch <= 0) {
            batch = perMeterDay;
        }
        boolean temporary = file == null;
        if (temporary) {
            file = Files.createTempFile("store-bench", ".mv.db");
            Files.delete(file);
        }
        StoreSettings settings = StoreSettings.defaults().withMaxBytes(maxMb * MIB).withCacheMegabytes(cacheMb)
                .withSyncOnCommit(sync).withRetention(Duration.ofDays(retentionDays));
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "store bench: %d meters x 96 points x %d quantities = %,d readings/day, %d days,"
                        + " %d readings/put, max %d MiB, cache %d MiB, sync %s, uplink %s, heap max %d MiB%n",
                meters, quantities, (long) meters * perMeterDay, days, batch, maxMb, cacheMb, sync, uplink,
                rt.maxMemory() / MIB);

        TestClock clock = new TestClock(T0);
        Quantity[] qs = Quantity.values();
        long totalPuts = 0;
        long totalReadings = 0;
        long totalNanos = 0;
        long housekeepingNanos = 0;
        long deliverNanos = 0;
        long maxHeap = 0;
        try (ForwardStore store = ForwardStore.open(file, settings, clock)) {
            for (int day = 0; day < days; day++) {
                long dayStart = T0 + day * 96 * QUARTER;
                long puts = 0;
                long readings = 0;
                long dayNanos = 0;
                List<Reading> pending = new ArrayList<>(batch);
                for (int m = 1; m <= meters; m++) {
                    String meter = String.format(Locale.ROOT, "%012d", 100_000 + m);
                    for (int slot = 0; slot < 96; slot++) {
                        long t = dayStart + slot * QUARTER;
                        for (int q = 0; q < quantities; q++) {
                            pending.add(new Reading(m, meter, ReadingKind.CURVE, qs[q], t,
                                    m * 1000L + day * 96 + slot, t + 3_000));
                            if (pending.size() == batch) {
                                long t0 = System.nanoTime();
                                store.putReadings(pending);
                                dayNanos += System.nanoTime() - t0;
                                readings += pending.size();
                                puts++;
                                pending = new ArrayList<>(batch);
                                if (uplink && puts % 100 == 0) {
                                    deliverNanos += deliver(store);
                                }
                            }
                        }
                    }
                    // the simulated clock follows the collection through the day
                    clock.set(dayStart + (long) m * 86_400_000L / meters);
                    if (m % Math.max(1, meters / 24) == 0) {
                        long h0 = System.nanoTime();
                        store.housekeeping();
                        housekeepingNanos += System.nanoTime() - h0;
                    }
                }
                if (!pending.isEmpty()) {
                    long t0 = System.nanoTime();
                    store.putReadings(pending);
                    dayNanos += System.nanoTime() - t0;
                    readings += pending.size();
                    puts++;
                }
                if (uplink) {
                    deliverNanos += deliver(store);
                }
                totalPuts += puts;
                totalReadings += readings;
                totalNanos += dayNanos;
                long heap = usedHeap(rt);
                maxHeap = Math.max(maxHeap, heap);
                StoreStatistics s = store.statistics();
                System.out.printf(Locale.ROOT, "day %d: %,d puts %,.0f puts/s %,.0f readings/s | file %,.1f MiB (peak %,.1f),"
                                + " chunk fill %d%% | %,d undelivered %,d delivered | evicted %,d/%,d | heap used %,.1f MiB%n",
                        day + 1, puts, puts / (dayNanos / 1e9), readings / (dayNanos / 1e9),
                        s.fileBytes() / (double) MIB, s.peakFileBytes() / (double) MIB, s.chunkFillPercent(),
                        s.undelivered(), s.delivered(), s.evictedDelivered(), s.evictedUndelivered(), heap / (double) MIB);
            }
            long h0 = System.nanoTime();
            HousekeepingReport last = store.housekeeping();
            housekeepingNanos += System.nanoTime() - h0;
            StoreStatistics s = store.statistics();
            System.out.printf(Locale.ROOT, "total: %,d puts, %,d readings in %.1f s of puts: %,.0f puts/s, %,.0f readings/s;"
                            + " uplink (nextBatch+markDelivered) %.1f s, housekeeping %.1f s (%d compactions)%n",
                    totalPuts, totalReadings, totalNanos / 1e9, totalPuts / (totalNanos / 1e9),
                    totalReadings / (totalNanos / 1e9), deliverNanos / 1e9, housekeepingNanos / 1e9, s.compactions());
            System.out.printf(Locale.ROOT, "file %,.1f MiB after the last housekeeping (%,d -> %,d bytes), peak %,.1f MiB,"
                            + " limit %,d MiB, %.1f bytes/reading kept; heap used max %,.1f MiB of %,d MiB%n",
                    s.fileBytes() / (double) MIB, last.fileBytesBefore(), last.fileBytesAfter(),
                    s.peakFileBytes() / (double) MIB, maxMb,
                    (double) s.fileBytes() / Math.max(1, s.undelivered() + s.delivered()),
                    maxHeap / (double) MIB, rt.maxMemory() / MIB);
        } finally {
            if (temporary) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static long deliver(ForwardStore store) throws Exception {
        long t0 = System.nanoTime();
        List<StoredEntry> b;
        while (!(b = store.nextBatch(10_000)).isEmpty()) {
            List<Long> seqs = new ArrayList<>(b.size());
            for (StoredEntry e : b) {
                seqs.add(e.seq());
            }
            store.markDelivered(seqs);
        }
        return System.nanoTime() - t0;
    }

    private static long usedHeap(Runtime rt) {
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
