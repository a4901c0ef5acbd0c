package org.openami.cloud.ingest.db.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.openami.cloud.ingest.db.EmbeddedDatabase;
import org.openami.cloud.ingest.db.EnvelopeRef;
import org.openami.cloud.ingest.db.IngestWriter;
import org.openami.cloud.ingest.db.Migrations;
import org.openami.cloud.ingest.db.ReadingQueries;
import org.openami.cloud.ingest.db.WriteOutcome;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Measures the ingest path against an embedded PostgreSQL in a temporary directory (durable
 * commits, as in production). Data: {@code --meters} meters (default 2,040) x 96 quarter hours
 * x 5 quantities a day, as many days as needed for {@code --readings} readings (default
 * 1,000,000), cut in batches of {@code --batch} (default 500), each batch its own envelope.
 * <ol>
 *   <li>(a) {@link IngestWriter#writeTelemetry} from {@code --threads} threads (default 2) into
 *       the empty table: readings/s and batch latencies;</li>
 *   <li>(b) the same batches again in new envelopes (every reading a duplicate by key): readings/s;</li>
 *   <li>(c) one {@code COPY reading_copy FROM STDIN} of the same rows into an empty copy of the
 *       table (same primary key), single stream: rows/s; then the ratio (a)/(c).</li>
 * </ol>
 * A benchmark, not a test: it asserts only that the counts are right, and its figures depend on
 * the machine. Options: {@code --dir PATH} keeps the data directory instead of a temporary one.
 */
public final class IngestDbBench {

    private static final long T0 = 1_735_689_600_000L; // 2025-01-01T00:00Z
    private static final long QUARTER = 900_000L;
    private static final Quantity[] QUANTITIES = {
        Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, Quantity.ENERGY_REVERSE_ACTIVE_TOTAL,
        Quantity.ENERGY_REACTIVE_IMPORT_TOTAL, Quantity.VOLTAGE_A, Quantity.CURRENT_A};
    private static final DateTimeFormatter PG_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSX", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final int meters;
    private final int total;
    private final int batchSize;

    private IngestDbBench(int meters, int total, int batchSize) {
        this.meters = meters;
        this.total = total;
        this.batchSize = batchSize;
    }

    public static void main(String[] args) throws Exception {
        int readings = 1_000_000;
        int meters = 2040;
        int batch = 500;
        int threads = 2;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--readings" -> readings = Integer.parseInt(args[++i]);
                case "--meters" -> meters = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--readings N --meters N --batch N --threads N --dir PATH)");
            }
        }
        if (readings < 1 || meters < 1 || batch < 1 || threads < 1) {
            throw new IllegalArgumentException("counts must be positive");
        }
        boolean temporary = dir == null;
        Path dataDir = temporary ? Files.createTempDirectory("ami-ingest-bench") : dir;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir.resolve("pg"), 0)) {
            Migrations.migrate(db.dataSource());
            new IngestDbBench(meters, readings, batch).run(db, threads);
        } finally {
            if (temporary) {
                deleteTree(dataDir);
            }
        }
    }

    /** The i-th reading: day-major, then meter, quarter hour, quantity (a meter-day is 480 readings in a row). */
    private Reading reading(int i) {
        int perDay = meters * 96 * QUANTITIES.length;
        int day = i / perDay;
        int inDay = i % perDay;
        int meter = inDay / (96 * QUANTITIES.length);
        int r = inDay % (96 * QUANTITIES.length);
        int quarter = r / QUANTITIES.length;
        Quantity q = QUANTITIES[r % QUANTITIES.length];
        long dataTime = T0 + day * 86_400_000L + quarter * QUARTER;
        long value = q.isEnergy() ? 1_000_000L + meter * 17L + (day * 96L + quarter) * 250 : 230_000 + (meter + quarter) % 500;
        return new Reading(meter + 1, String.format("%012d", 310_000_000_000L + meter), ReadingKind.CURVE, q,
                dataTime, value, dataTime + 2_000 + meter);
    }

    private List<Reading> batch(int index) {
        int from = index * batchSize;
        int to = Math.min(total, from + batchSize);
        List<Reading> list = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            list.add(reading(i));
        }
        return list;
    }

    private int batches() {
        return (total + batchSize - 1) / batchSize;
    }

    private EnvelopeRef ref(int concentrator, long sequence) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(("bench/" + concentrator + "/" + sequence).getBytes(StandardCharsets.UTF_8));
        return new EnvelopeRef("bench-" + concentrator, sequence, digest, System.currentTimeMillis());
    }

    /** CPU time so far of this JVM and of the PostgreSQL server (postmaster and its live children), in nanoseconds. */
    private static long[] cpu(long postmasterPid) {
        long jvm = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
        long pg = ProcessHandle.of(postmasterPid).map(h -> Stream.concat(Stream.of(h), h.descendants())
                .mapToLong(p -> p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L)).sum()).orElse(0L);
        return new long[] {jvm, pg};
    }

    private static String cpuLine(long[] before, long[] after, long readings, int cores) {
        double jvm = (after[0] - before[0]) / 1e9;
        double pg = (after[1] - before[1]) / 1e9;
        return String.format(Locale.ROOT, "    CPU %.2f s (JVM %.2f, PostgreSQL %.2f): %,.0f readings per CPU-second,"
                + " ~%,.0f/s if %d idle cores were all ours", jvm + pg, jvm, pg, readings / (jvm + pg),
                cores * readings / (jvm + pg), cores);
    }

    private void run(EmbeddedDatabase db, int threads) throws Exception {
        long postmaster = Long.parseLong(Files.readAllLines(db.dataDirectory().resolve("postmaster.pid")).get(0).trim());
        int cores = Runtime.getRuntime().availableProcessors();
        IngestWriter writer = new IngestWriter(db.dataSource());
        ReadingQueries queries = new ReadingQueries(db.dataSource());
        System.out.printf(Locale.ROOT, "ingest-db bench: %,d readings (%,d meters x 96 x %d quantities a day), batches of %d,"
                + " %d writer threads, %d cores, load average %.1f, PostgreSQL on port %d%n",
                total, meters, QUANTITIES.length, batchSize, threads, cores,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), db.port());
        // warm-up: JIT and server-side prepared statements, on keys outside the measured data
        IngestDbBench warm = new IngestDbBench(50, 20_000, batchSize);
        for (int b = 0; b < warm.batches(); b++) {
            List<Reading> shifted = warm.batch(b).stream().map(r -> new Reading(r.point(), "W" + r.meter(), r.kind(),
                    r.quantity(), r.dataTime(), r.value(), r.readAt())).toList();
            writer.writeTelemetry(ref(99, b), shifted);
        }
        execute(db, "TRUNCATE reading, envelope_seen");

        List<List<Reading>> prepared = new ArrayList<>(batches());
        for (int b = 0; b < batches(); b++) {
            prepared.add(batch(b));
        }
        long[] cpu0 = cpu(postmaster);
        Phase a = phase(writer, prepared, threads, 0);
        long[] cpu1 = cpu(postmaster);
        long stored = queries.count();
        System.out.printf(Locale.ROOT, "(a) upsert, new readings:       %,10.0f readings/s  (%.2f s; inserted %,d, changed %,d;"
                + " batch p50 %.1f ms, p99 %.1f ms)%n", a.perSecond(total), a.seconds(), a.inserted, a.changed,
                a.percentile(0.5), a.percentile(0.99));
        System.out.println(cpuLine(cpu0, cpu1, total, cores));
        check(stored == total && a.inserted == total, "stored " + stored + ", inserted " + a.inserted + ", expected " + total);
        System.out.printf(Locale.ROOT, "    table reading: %s (heap + primary key)%n",
                queryString(db, "SELECT pg_size_pretty(pg_total_relation_size('reading'))"));

        long[] cpu2 = cpu(postmaster);
        Phase b = phase(writer, prepared, threads, batches());
        long[] cpu3 = cpu(postmaster);
        System.out.printf(Locale.ROOT, "(b) upsert, all duplicates:     %,10.0f readings/s  (%.2f s; inserted %,d, changed %,d;"
                + " batch p50 %.1f ms, p99 %.1f ms)%n", b.perSecond(total), b.seconds(), b.inserted, b.changed,
                b.percentile(0.5), b.percentile(0.99));
        System.out.println(cpuLine(cpu2, cpu3, total, cores));
        check(b.inserted == 0 && b.changed == 0 && queries.count() == total, "duplicates changed the table");

        long[] cpu4 = cpu(postmaster);
        double copyRate = copy(db, prepared);
        long[] cpu5 = cpu(postmaster);
        System.out.printf(Locale.ROOT, "(c) COPY into an empty copy:    %,10.0f rows/s%n", copyRate);
        System.out.println(cpuLine(cpu4, cpu5, total, cores).replace("readings", "rows"));
        long same = Long.parseLong(queryString(db, "SELECT count(*) FROM reading r JOIN reading_copy c"
                + " USING (meter, quantity, kind, data_time) WHERE r.value = c.value AND r.read_at = c.read_at"
                + " AND r.point = c.point"));
        check(same == total, "COPY and upsert stored different rows: " + same + " of " + total + " equal");
        System.out.printf(Locale.ROOT, "upsert/COPY = %.2f, duplicates/COPY = %.2f%n",
                a.perSecond(total) / copyRate, b.perSecond(total) / copyRate);
    }

    /** Per-phase figures. */
    private static final class Phase {
        long nanos;
        long inserted;
        long changed;
        final List<Long> latencies = new ArrayList<>();

        double seconds() {
            return nanos / 1e9;
        }

        double perSecond(long n) {
            return n / seconds();
        }

        double percentile(double p) {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1e6;
        }
    }

    private Phase phase(IngestWriter writer, List<List<Reading>> prepared, int threads, int sequenceOffset) throws Exception {
        int n = prepared.size();
        AtomicInteger next = new AtomicInteger();
        Phase phase = new Phase();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Phase>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    Phase mine = new Phase();
                    for (int b = next.getAndIncrement(); b < n; b = next.getAndIncrement()) {
                        EnvelopeRef ref = ref(b % 7, sequenceOffset + (long) b);
                        long t0 = System.nanoTime();
                        WriteOutcome out = writer.writeTelemetry(ref, prepared.get(b));
                        mine.latencies.add(System.nanoTime() - t0);
                        check(out.applied(), "batch " + b + ": " + out);
                        mine.inserted += out.inserted();
                        mine.changed += out.changed();
                    }
                    return mine;
                }));
            }
            for (Future<Phase> f : futures) {
                Phase p = f.get();
                phase.inserted += p.inserted;
                phase.changed += p.changed;
                phase.latencies.addAll(p.latencies);
            }
            phase.nanos = System.nanoTime() - start;
        } finally {
            pool.shutdownNow();
        }
        return phase;
    }

    /** One COPY of every row into an empty table like {@code reading}; returns rows/s (text formatting included). */
    private double copy(EmbeddedDatabase db, List<List<Reading>> prepared) throws Exception {
        execute(db, "DROP TABLE IF EXISTS reading_copy");
        execute(db, "CREATE TABLE reading_copy (LIKE reading INCLUDING ALL)");
        String received = PG_TIME.format(Instant.now());
        try (Connection c = db.dataSource().getConnection()) {
            long start = System.nanoTime();
            CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY reading_copy (data_time, value, read_at,"
                    + " received_at, point, quantity, kind, meter, concentrator_id) FROM STDIN");
            try {
                StringBuilder sb = new StringBuilder(1 << 20);
                for (Reading r : (Iterable<Reading>) prepared.stream().flatMap(List::stream)::iterator) {
                    appendTime(sb, r.dataTime()).append('\t').append(r.value()).append('\t');
                    appendTime(sb, r.readAt()).append('\t').append(received).append('\t')
                            .append(r.point()).append('\t').append(r.quantity().name()).append('\t').append(r.kind().name())
                            .append('\t').append(r.meter()).append('\t').append("bench-0").append('\n');
                    if (sb.length() > (1 << 20) - 512) {
                        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
                        in.writeToCopy(bytes, 0, bytes.length);
                        sb.setLength(0);
                    }
                }
                byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
                in.writeToCopy(bytes, 0, bytes.length);
                long rows = in.endCopy();
                double seconds = (System.nanoTime() - start) / 1e9;
                check(rows == total, "COPY stored " + rows);
                return total / seconds;
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        }
    }

    private final java.util.Map<Long, String> days = new java.util.HashMap<>();

    /** Appends "yyyy-MM-dd HH:mm:ss.SSS+00" cheaply (the date part cached per day), so the client side does not limit COPY. */
    private StringBuilder appendTime(StringBuilder sb, long millis) {
        long day = Math.floorDiv(millis, 86_400_000L);
        int ms = (int) Math.floorMod(millis, 86_400_000L);
        sb.append(days.computeIfAbsent(day, d -> java.time.LocalDate.ofEpochDay(d).toString())).append(' ');
        int h = ms / 3_600_000;
        int m = ms / 60_000 % 60;
        int sec = ms / 1000 % 60;
        int milli = ms % 1000;
        two(sb, h).append(':');
        two(sb, m).append(':');
        two(sb, sec).append('.');
        sb.append((char) ('0' + milli / 100)).append((char) ('0' + milli / 10 % 10)).append((char) ('0' + milli % 10));
        return sb.append("+00");
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    private static void execute(EmbeddedDatabase db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String queryString(EmbeddedDatabase db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
