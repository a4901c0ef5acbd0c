package org.openami.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.openami.cloud.service.CloudService;
import org.openami.cloud.service.CloudSettings;
import org.openami.cloud.service.Commissioning;
import org.openami.concentrator.model.ReadingKind;
import org.openami.concentrator.modbus.RegisterMap;
import org.openami.concentrator.store.ForwardStore;
import org.openami.concentrator.store.StoreException;
import org.openami.concentrator.store.StoreSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One end-to-end demo run: the cloud service (embedded PostgreSQL and HiveMQ), the simulated
 * meters on their pseudo-terminal buses, a commissioned concentrator in its own JVM collecting
 * on simulated time and delivering to the cloud; a live console while it runs; at the end the
 * meters go off the buses, the concentrator delivers what it still holds and is stopped, and
 * its store, PostgreSQL and the meters are compared into a {@link DemoReport}.
 *
 * <p>Everything is stopped at the end and on Ctrl-C (a shutdown hook). One run per instance.
 */
public final class DemoRun {

    private static final Logger LOG = LoggerFactory.getLogger(DemoRun.class);

    /** The demo concentrator's id. */
    public static final String CONCENTRATOR_ID = "GW-DEMO-01";
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    static final Duration DRAIN_QUIET = Duration.ofSeconds(3);
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** How long the shutdown hook waits for a part that was still starting to be stopped. */
    static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(30);
    static final Duration REFRESH = Duration.ofSeconds(1);
    static final Duration TOP_UP_POLL = Duration.ofSeconds(3);
    static final String MODBUS_MAP = "sdm630";

    private final DemoOptions options;
    private final ProjectLayout layout;
    private final PrintStream out;
    private final Clock wall;
    private final LiveConsole console;
    private final CollectionPlan plan;

    private long startNanos;
    private long collectorNanos;
    private long silencedNanos;
    private long stoppedNanos;
    private CloudProbe.Counts lastCounts = new CloudProbe.Counts(0, 0, -1, -1, 0, 0, 0, 0, 0);
    private final Deque<long[]> rateWindow = new ArrayDeque<>();

    /**
     * @param options what to run
     * @param layout  where the built concentrator is
     * @param out     the console
     * @param wall    the real clock (report times, certificates, the cloud's envelope checks)
     */
    public DemoRun(DemoOptions options, ProjectLayout layout, PrintStream out, Clock wall) {
        this.options = Objects.requireNonNull(options, "options");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.out = Objects.requireNonNull(out, "out");
        this.wall = Objects.requireNonNull(wall, "wall");
        this.console = new LiveConsole(out, options.plain(), DemoOptions.ZONE);
        this.plan = new CollectionPlan(DemoOptions.ZONE, options.start());
    }

    /**
     * Runs the demo and writes the report to {@code options.report()}.
     *
     * @return the report; null if the run was interrupted (Ctrl-C) and torn down
     * @throws DemoException if a part did not start or the concentrator died
     */
    public DemoReport run() throws DemoException, InterruptedException {
        startNanos = System.nanoTime();
        Instant startedAt = wall.instant();
        Path dataDir = prepareDataDir();
        boolean temporary = options.dataDir() == null;
        Teardown teardown = new Teardown(dataDir, temporary && !options.keep());
        Thread hook = new Thread(() -> {
            if (!teardown.closing()) {
                out.println();
                out.println("ami demo: interrupted; stopping the concentrator, the meters and the cloud...");
                teardown.close();
            }
            try {
                teardown.awaitRelease(RELEASE_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ami-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Path demoLog = dataDir.resolve("demo.log");
        Path concentratorLog = dataDir.resolve("concentrator.log");
        DemoLogging.toFile(demoLog);
        try {
            DemoReport report = execute(teardown, dataDir, demoLog, concentratorLog, startedAt, temporary);
            if (report != null) {
                try {
                    report.write(options.report());
                } catch (IOException e) {
                    throw new DemoException("cannot write the report to " + options.report() + ": " + e.getMessage(), e);
                }
                ReportSummary.print(out, report, options.report());
                console.message("stopping the meters, the broker and the database...");
            }
            return report;
        } catch (DemoException | RuntimeException e) {
            if (teardown.closing()) {
                return null;
            }
            throw e;
        } finally {
            teardown.close();
            teardown.release();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and has done the teardown
            }
        }
    }

    private DemoReport execute(Teardown teardown, Path dataDir, Path demoLog, Path concentratorLog, Instant startedAt,
                               boolean temporary) throws DemoException, InterruptedException {
        console.message(String.format(Locale.ROOT, "ami demo: %d DL/T 645 meters on %d bus(es) + %d Modbus meter(s),"
                        + " %d min at x%d from %s; data in %s", options.dltMeters(), options.buses(), options.modbus(),
                options.minutes(), options.speed(), console.time(options.start()), dataDir));
        console.message("starting the cloud service (embedded PostgreSQL and HiveMQ with TLS)...");
        CloudService cloud;
        try {
            cloud = CloudService.start(CloudSettings.embedded(dataDir.resolve("cloud")).withBrokerPorts(0, -1)
                    .withDbPort(0).withWorkers(2), wall);
        } catch (IOException | RuntimeException e) {
            throw new DemoException("the cloud service did not start: " + e.getMessage() + " (see " + demoLog + ")", e);
        }
        teardown.cloud(cloud);
        if (teardown.closing()) {
            return null;
        }
        console.message("starting " + options.totalMeters() + " simulated meters on pseudo-terminal buses...");
        MeterField field = MeterField.start(options, dataDir);
        teardown.field(field);

        GatewayFiles.Gateway gw = new GatewayFiles.Gateway(dataDir.resolve("concentrator"), CONCENTRATOR_ID,
                cloud.brokerUri(), dataDir.resolve("concentrator").resolve("tls"),
                dataDir.resolve("concentrator").resolve("keys"));
        Path config;
        try {
            Commissioning.commission(cloud.files(), gw.dir(), CONCENTRATOR_ID, wall);
            cloud.keys().reload();
            Path archive = GatewayFiles.writeArchive(gw, field.meters());
            config = GatewayFiles.writeConfig(gw, archive, field.buses(), options.start(), options.speed(), field.meters());
        } catch (IOException | org.openami.cloud.envelope.KeyFileException | RuntimeException e) {
            throw new DemoException("cannot commission the concentrator or write its configuration: " + e.getMessage(), e);
        }
        if (teardown.closing()) {
            return null;
        }
        console.message("starting the concentrator (its OSGi bundles in an embedded Equinox, in its own JVM)...");
        ConcentratorProcess concentrator = ConcentratorProcess.start(layout, config, gw.dir(), concentratorLog);
        teardown.concentrator(concentrator);
        collectorNanos = concentrator.awaitCollector(STARTUP_TIMEOUT);
        SimulatedTime sim = new SimulatedTime(options.start(), options.speed(), collectorNanos, DemoOptions.ZONE);
        CloudProbe probe = new CloudProbe(cloud.dataSource(), CONCENTRATOR_ID);
        Map<Integer, FieldMeter> byPoint = new LinkedHashMap<>();
        field.meters().forEach(m -> byPoint.put(m.point(), m));
        TopUps topUps = new TopUps(cloud, CONCENTRATOR_ID, byPoint);

        collect(sim, probe, field, concentrator, topUps, teardown);
        if (teardown.closing()) {
            return null;
        }
        Instant collectionEnd = sim.instant();
        field.silence();
        silencedNanos = System.nanoTime();
        drain(sim, probe, field, concentrator, teardown);
        if (teardown.closing()) {
            return null;
        }
        show(LiveStatus.Phase.STOPPING, sim, probe, field, concentrator);
        concentrator.stop(STOP_TIMEOUT);
        boolean killed = concentrator.killed();
        stoppedNanos = System.nanoTime();
        console.message("the concentrator stopped" + (killed ? " only when killed" : " cleanly")
                + "; comparing its store, PostgreSQL and the meters...");

        DemoReport report = audit(gw, probe, field, collectionEnd, killed, startedAt,
                options.keep() || !temporary ? new DemoReport.Files(dataDir.toString(), demoLog.toString(),
                        concentratorLog.toString()) : null);
        return report;
    }

    /** The collection phase: the live console until {@code --minutes} have passed. */
    private void collect(SimulatedTime sim, CloudProbe probe, MeterField field, ConcentratorProcess concentrator,
                         TopUps topUps, Teardown teardown) throws DemoException, InterruptedException {
        long end = collectorNanos + Duration.ofMinutes(options.minutes()).toNanos();
        long nextTopUp = System.nanoTime() + TOP_UP_POLL.toNanos();
        long lastTrip = 0;
        while (System.nanoTime() < end && !teardown.closing()) {
            if (!concentrator.isAlive()) {
                throw new DemoException("the concentrator stopped on its own; its last lines:" + System.lineSeparator()
                        + concentrator.tail());
            }
            show(LiveStatus.Phase.COLLECTING, sim, probe, field, concentrator);
            if (System.nanoTime() >= nextTopUp) {
                nextTopUp = System.nanoTime() + TOP_UP_POLL.toNanos();
                lastTrip = topUps(probe, topUps, lastTrip);
            }
            sleepUntil(Math.min(end, System.nanoTime() + REFRESH.toNanos()));
        }
    }

    private long topUps(CloudProbe probe, TopUps topUps, long afterId) {
        try {
            List<CloudProbe.Trip> trips = probe.tripsAfter(afterId, 1_000);
            if (trips.isEmpty()) {
                return afterId;
            }
            topUps.sendTopUps(trips);
            return trips.get(trips.size() - 1).eventId();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("top-ups: {}", e.toString());
            return afterId;
        }
    }

    /**
     * With the meters silent: waits until PostgreSQL's count has not moved for {@link #DRAIN_QUIET}
     * (at most {@link #DRAIN_TIMEOUT}), so the uplink has delivered everything the store holds.
     */
    private void drain(SimulatedTime sim, CloudProbe probe, MeterField field, ConcentratorProcess concentrator,
                       Teardown teardown) throws InterruptedException {
        long deadline = silencedNanos + DRAIN_TIMEOUT.toNanos();
        long lastValue = -1;
        long lastChange = silencedNanos;
        while (System.nanoTime() < deadline && !teardown.closing() && concentrator.isAlive()) {
            show(LiveStatus.Phase.DRAINING, sim, probe, field, concentrator);
            long now = System.nanoTime();
            if (lastCounts.delivered() != lastValue) {
                lastValue = lastCounts.delivered();
                lastChange = now;
            } else if (now - lastChange >= DRAIN_QUIET.toNanos() && now - silencedNanos >= DRAIN_QUIET.toNanos()) {
                return;
            }
            sleepUntil(now + Duration.ofMillis(500).toNanos());
        }
        if (!teardown.closing()) {
            LOG.warn("the cloud's reading count was still moving after {} s of draining", DRAIN_TIMEOUT.toSeconds());
        }
    }

    private void show(LiveStatus.Phase phase, SimulatedTime sim, CloudProbe probe, MeterField field,
                      ConcentratorProcess concentrator) {
        Instant now = sim.instant();
        Optional<Instant> quarter = plan.lastDueQuarter(now);
        Optional<Instant> day = plan.lastOpenedDay(now);
        try {
            lastCounts = probe.counts(quarter, day);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("reading the cloud's counts: {}", e.toString());
        }
        long t = System.nanoTime();
        rateWindow.addLast(new long[] {t, lastCounts.delivered()});
        while (rateWindow.size() > 2 && t - rateWindow.peekFirst()[0] > Duration.ofSeconds(10).toNanos()) {
            rateWindow.removeFirst();
        }
        long[] first = rateWindow.peekFirst();
        double rate = t - first[0] > 0 ? (lastCounts.delivered() - first[1]) * 1e9 / (t - first[0]) : 0;
        Duration elapsed = Duration.ofNanos(Math.max(0, t - collectorNanos));
        Duration total = Duration.ofMinutes(options.minutes());
        console.show(new LiveStatus(phase, elapsed.compareTo(total) > 0 ? total : elapsed, total, now,
                options.speed(), options.dltMeters(), options.modbus(), options.buses(), lastCounts, quarter, day,
                plan.nextFreezeWindow(now), rate, field.repliesByBus(), concentrator.status()));
    }

    /** Opens the stopped concentrator's store and compares it with PostgreSQL and the meters. */
    private DemoReport audit(GatewayFiles.Gateway gw, CloudProbe probe, MeterField field, Instant collectionEnd,
                             boolean killed, Instant startedAt, DemoReport.Files files) throws DemoException {
        List<CollectionPlan.Due> due = plan.dueBy(collectionEnd);
        ExpectedReadings expected = new ExpectedReadings(due, RegisterMap.load(MODBUS_MAP));
        ReadingAudit.Result result;
        long undelivered;
        long delivered;
        CloudProbe.Counts counts;
        try (ForwardStore store = ForwardStore.open(gw.storeFile(), StoreSettings.defaults(), wall)) {
            undelivered = store.undeliveredCount();
            result = ReadingAudit.run(field.meters(), expected, field::holdings, store, probe::readingsOf);
            delivered = probe.delivered();
            counts = probe.counts(Optional.empty(), Optional.empty());
        } catch (StoreException e) {
            throw new DemoException("cannot open the concentrator's store " + gw.storeFile() + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new DemoException("cannot read the cloud's database: " + e.getMessage(), e);
        }
        ReadingAudit.Tally t = result.total();
        List<String> problems = new ArrayList<>();
        if (t.collected() == 0) {
            problems.add("the concentrator collected nothing");
        }
        if (t.lost() > 0) {
            problems.add(t.lost() + " collected reading(s) are not in PostgreSQL");
        }
        if (t.mismatched() > 0) {
            problems.add(t.mismatched() + " reading(s) have another value in PostgreSQL than in the store");
        }
        if (delivered != t.collected()) {
            problems.add("PostgreSQL holds " + delivered + " readings of this concentrator, its store " + t.collected());
        }
        if (counts.quarantined() > 0) {
            problems.add("the cloud quarantined " + counts.quarantined() + " message(s)");
        }
        if (killed) {
            problems.add("the concentrator did not stop within " + STOP_TIMEOUT.toSeconds() + " s of SIGTERM and was killed");
        }
        Map<String, DemoReport.Kind> byKind = new LinkedHashMap<>();
        result.byKind().forEach((kind, k) -> byKind.put(kind.name(), new DemoReport.Kind(k.expected(),
                k.collectedOfExpected(), k.deliveredOfExpected(), k.collected(), k.delivered(), k.lost(), k.mismatched())));
        Double success = t.expected() == 0 ? null : Math.round(t.collectedOfExpected() * 1000.0 / t.expected()) / 10.0;
        Instant finishedAt = wall.instant();
        long now = System.nanoTime();
        return new DemoReport(problems.isEmpty() ? "PASSED" : "FAILED", problems, CONCENTRATOR_ID,
                new DemoReport.Run(startedAt.toString(), finishedAt.toString(), seconds(now - startNanos),
                        seconds(collectorNanos - startNanos), seconds(silencedNanos - collectorNanos),
                        seconds(stoppedNanos - silencedNanos), options.speed()),
                new DemoReport.Simulated(options.start().atZone(DemoOptions.ZONE).toOffsetDateTime().toString(),
                        collectionEnd.truncatedTo(ChronoUnit.SECONDS).atZone(DemoOptions.ZONE).toOffsetDateTime().toString(), DemoOptions.ZONE.getId(),
                        Duration.between(options.start(), collectionEnd).toMinutes(), count(due, ReadingKind.CURVE),
                        count(due, ReadingKind.DAILY_FREEZE), count(due, ReadingKind.MONTHLY_FREEZE)),
                new DemoReport.Meters(options.dltMeters(), options.modbus(), options.totalMeters(),
                        options.buses() + (options.modbus() > 0 ? 1 : 0), result.metersCollected(), result.metersDelivered()),
                new DemoReport.Readings(t.expected(), t.collectedOfExpected(), t.deliveredOfExpected(), t.collected(), delivered, t.lost(),
                        t.mismatched(), undelivered, t.notHeld(), byKind),
                success,
                new DemoReport.Prepayment(counts.alarms(), counts.trips(), counts.reconnects(), counts.topUps()),
                counts.quarantined(), files);
    }

    private static int count(List<CollectionPlan.Due> due, ReadingKind kind) {
        return (int) due.stream().filter(d -> d.kind() == kind).count();
    }

    private static long seconds(long nanos) {
        return Math.round(nanos / 1e9);
    }

    private Path prepareDataDir() throws DemoException {
        try {
            if (options.dataDir() == null) {
                return Files.createTempDirectory("ami-demo-");
            }
            checkDataDir(options.dataDir());
            return Files.createDirectories(options.dataDir().toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new DemoException("cannot create the data folder: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a {@code --data-dir} that is a file or not empty: a run's meters, store and
     * database cannot be reused by another run.
     *
     * @throws IllegalArgumentException naming the option and the folder
     */
    public static void checkDataDir(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        if (!Files.exists(d)) {
            return;
        }
        if (!Files.isDirectory(d)) {
            throw new IllegalArgumentException("--data-dir " + d + " is a file, not a folder");
        }
        try (Stream<Path> s = Files.list(d)) {
            if (s.findAny().isPresent()) {
                throw new IllegalArgumentException("--data-dir " + d + " is not empty: give a new or empty folder"
                        + " (a run's meters, store and database cannot be reused)");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--data-dir " + d + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
