package org.openami.concentrator.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openami.concentrator.archive.MeterRecord;
import org.openami.concentrator.bench.heap.BenchArchive;
import org.openami.concentrator.bench.heap.ConcentratorRun;
import org.openami.concentrator.bench.sim.FastClock;
import org.openami.concentrator.bench.sim.LightBus;
import org.openami.concentrator.bench.sim.LightMeters;
import org.openami.concentrator.bench.sim.MeterModel;
import org.openami.dlt645.MeterAddress;
import org.openami.meter.link.LinkStatistics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ami bench heap}: a concentrator with the full archive (2,040 meters, the measurement
 * point limit of Q/GDW 1376.1) collecting 15-minute curves, daily freezes, back-fill and the
 * monthly freeze over simulated days, and its heap after GC under {@code -Xmx64m}.
 *
 * <p>This process simulates the meters: light DL/T 645 meters ({@link MeterModel},
 * {@link LightMeters}) on {@code --buses} pseudo-terminal buses, answering at once (unpaced)
 * so the benchmark is not bound by 2400-baud wire time. The concentrator under test runs in
 * a child JVM with the capped heap ({@link ConcentratorRun}, figures on this process's stdout),
 * so the measurement holds only what a concentrator holds, whatever options started this JVM.
 * Both share a {@link FastClock} anchored on the wall clock. Exit code 0 when the concentrator
 * ran to the end, 1 otherwise (e.g. an OutOfMemoryError, which ends the child at once).
 */
@Command(name = "heap", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Heap of a 2,040-meter concentrator collecting curves and freezes over simulated days under -Xmx64m.")
public final class HeapBench implements Callable<Integer> {

    @Option(names = "--meters", description = "meters in the archive, 1..2040 (default: ${DEFAULT-VALUE})")
    int meters = MeterRecord.MAX_POINT;

    @Option(names = "--days", description = "simulated days measured (default: ${DEFAULT-VALUE})")
    int days = 2;

    @Option(names = "--speed", paramLabel = "N", description = "simulated time runs N times faster than real time (default: ${DEFAULT-VALUE})")
    double speed = 240;

    @Option(names = "--buses", description = "RS-485 buses the meters are spread over, 1..32 (default: ${DEFAULT-VALUE})")
    int buses = 8;

    @Option(names = "--xmx", description = "the concentrator's maximum heap (default: ${DEFAULT-VALUE})")
    String xmx = "64m";

    @Option(names = "--start", paramLabel = "DATE", description = "the first simulated day; the run starts about half an hour before it (default: ${DEFAULT-VALUE}, so the monthly freeze is read on day 1)")
    LocalDate firstDay = LocalDate.of(2024, 6, 1);

    @Option(names = "--zone", description = "the concentrator's and meters' zone (default: ${DEFAULT-VALUE})")
    ZoneId zone = ZoneId.of("Asia/Shanghai");

    @Option(names = "--turnaround", paramLabel = "MS", description = "meters' reply delay, ms (default: ${DEFAULT-VALUE})")
    int turnaroundMillis = 0;

    @Option(names = "--seed", description = "varies the meters' loads (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--tick-ms", description = "wall time between collector ticks (default: ${DEFAULT-VALUE})")
    int tickMillis = 200;

    @Option(names = "--housekeeping-seconds", description = "wall time between store housekeeping runs (default: ${DEFAULT-VALUE})")
    int housekeepingSeconds = 10;

    @Option(names = "--no-uplink", description = "leave everything undelivered in the store (default: an uplink marks entries delivered every second)")
    boolean noUplink;

    @Option(names = "--store-max-mb", description = "the store's size limit, MB; full, it evicts delivered data first (default: ${DEFAULT-VALUE}, the store's default)")
    int storeMaxMegabytes = 256;

    @Option(names = "--keep", description = "keep the store file (its path is printed)")
    boolean keep;

    @Option(names = "--jvm-option", paramLabel = "OPTION", description = "extra option for the concentrator's JVM, e.g. -XX:+UseSerialGC (repeatable)")
    List<String> jvmOptions = new ArrayList<>();

    public static void main(String[] args) {
        Logging.configure();
        System.exit(new CommandLine(new HeapBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        CommandLine cmd = new CommandLine(this);
        if (meters < 1 || meters > MeterRecord.MAX_POINT || days < 1 || buses < 1 || buses > 32
                || turnaroundMillis < 0 || !(speed > 0) || speed > 5000 || tickMillis < 10
                || storeMaxMegabytes < 1) {
            throw new CommandLine.ParameterException(cmd, "--meters 1..2040, --days >= 1, --buses 1..32, "
                    + "--turnaround >= 0, --speed in (0, 5000], --tick-ms >= 10");
        }
        Instant first = firstDay.atStartOfDay(zone).toInstant();
        Instant simStart = first.minus(Duration.ofMinutes(10));
        // the child JVM needs a few seconds to start: until then the simulated time is before simStart
        long origin = FastClock.wallMicros() + 8_000_000;
        FastClock clock = new FastClock(simStart, speed, origin, zone);

        List<Map<MeterAddress, MeterModel>> perBus = new ArrayList<>();
        for (int b = 0; b < buses; b++) {
            perBus.add(new LinkedHashMap<>());
        }
        for (int p = 1; p <= meters; p++) {
            perBus.get(BenchArchive.bus(p, buses)).put(BenchArchive.address(p), new MeterModel(p - 1, seed, zone, first));
        }
        Path dir = Files.createTempDirectory("ami-bench-heap");
        List<LightBus> lines = new ArrayList<>();
        try {
            for (Map<MeterAddress, MeterModel> m : perBus) {
                lines.add(LightBus.open(new LightMeters(m, clock), Duration.ofMillis(turnaroundMillis)));
            }
            long perDay = (long) meters * (96 + 3);
            System.out.printf(Locale.ROOT, "bench heap: %d light simulated DL/T 645 meters on %d pty buses (%s, turnaround %d ms),"
                            + " %d simulated days from %s (%s), clock x%.0f; the concentrator runs in a child JVM with -Xmx%s%n",
                    meters, buses, "unpaced", turnaroundMillis, days, firstDay, zone, speed, xmx);
            System.out.printf(Locale.ROOT, "  load: %,d requests a day (96 curve points + 3 for the daily freeze per meter;"
                            + " day 1 adds 3 back-fill days and the monthly freeze) = %.0f requests/s of wall time at x%.0f%n",
                    perDay, perDay * speed / 86_400, speed);
            Process child = startChild(lines, clock, dir.resolve("store.mv"));
            Thread killer = new Thread(child::destroyForcibly, "heap-bench-stop");
            Runtime.getRuntime().addShutdownHook(killer);
            int exit = child.waitFor();
            Runtime.getRuntime().removeShutdownHook(killer);
            reportMeters(lines);
            if (exit != 0) {
                System.out.printf("concentrator process exited with %d%s: FAIL%n", exit,
                        exit == 3 ? " (OutOfMemoryError)" : "");
            }
            if (keep) {
                System.out.println("store kept: " + dir.resolve("store.mv"));
            }
            return exit == 0 ? 0 : 1;
        } finally {
            for (LightBus l : lines) {
                l.close();
            }
            if (!keep) {
                TempDirs.delete(dir);
            }
        }
    }

    private Process startChild(List<LightBus> lines, FastClock clock, Path store) throws java.io.IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + xmx, "-XX:+ExitOnOutOfMemoryError", Logging.childOption()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ConcentratorRun.class.getName(),
                "--meters", Integer.toString(meters),
                "--ports", String.join(",", lines.stream().map(LightBus::path).toList()),
                "--start", clock.start().toString(),
                "--origin", Long.toString(clock.originMicros()),
                "--speed", Double.toString(speed),
                "--first-day", firstDay.toString(),
                "--days", Integer.toString(days),
                "--zone", zone.getId(),
                "--store", store.toString(),
                "--tick-ms", Integer.toString(tickMillis),
                "--housekeeping-seconds", Integer.toString(housekeepingSeconds),
                "--store-max-mb", Integer.toString(storeMaxMegabytes)));
        if (noUplink) {
            cmd.add("--no-uplink");
        }
        return new ProcessBuilder(cmd).inheritIO().start();
    }

    private static void reportMeters(List<LightBus> lines) {
        long answered = 0;
        long refused = 0;
        long errors = 0;
        long dropped = 0;
        for (LightBus l : lines) {
            answered += l.meters().answered();
            refused += l.meters().refused();
            LinkStatistics s = l.statistics();
            errors += s.handlerErrors();
            dropped += s.framesDropped();
        }
        System.out.printf(Locale.ROOT, "meters: %,d reads answered, %,d refused (no such data), %d handler errors,"
                + " %d damaged frames%n", answered, refused, errors, dropped);
    }
}
