package org.openami.concentrator.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.openami.concentrator.bench.bus.BusLoad;
import org.openami.concentrator.bench.bus.BusRig;
import org.openami.concentrator.bench.bus.ChildProcessFleet;
import org.openami.concentrator.bench.bus.CpuUsage;
import org.openami.concentrator.bench.bus.InProcessFleet;
import org.openami.concentrator.bench.bus.MeterBus;
import org.openami.concentrator.bench.bus.WireBudget;
import org.openami.concentrator.channel.ChannelStatistics;
import org.openami.concentrator.channel.LineSettings;
import org.openami.dlt645.DataIdentifier;
import org.openami.dlt645.Dlt645Frame;
import org.openami.dlt645.MeterAddress;
import org.openami.meter.link.LinkSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ami bench bus}: how close the concentrator's RS-485 polling comes to the physical
 * limit of the bus. Phase A polls one bus of whole simulated meters through the real master
 * stack (jSerialComm on a pty, {@code BusChannel}, {@code Dlt645Master}) and compares the
 * reads per second with the wire-time limit; phase B runs several such buses at once and
 * compares the total with one bus. Figures go to stdout, logs to stderr. Exit code 0 whether
 * the targets are met or not (it is a benchmark); 1 if it could not run.
 *
 * <p>The meters run in this JVM by default ({@code --fleet in-process}): 128 whole meters
 * at 1 Hz metrology took about 0.3 of a core on the 2-core build machine, the same total as
 * one child JVM per bus ({@code --fleet child}, {@code ami sim bus}), and the figures of the
 * two modes agreed within the run-to-run spread; in-process starts faster and keeps the
 * meters' journals off the disk ({@code SyncPolicy.NONE}; the child command syncs them).
 */
@Command(name = "bus", mixinStandardHelpOptions = true, sortOptions = false,
        description = "RS-485 bus utilisation of the concentrator's DL/T 645 polling, one bus and several in parallel.")
public final class BusBench implements Callable<Integer> {

    /** Utilisation of one bus the issue asks for. */
    static final double TARGET_UTILISATION = 0.90;
    /** Speed-up of 4 buses over one the issue asks for (scaled for other bus counts). */
    static final double TARGET_SPEEDUP_PER_BUS = 0.9;

    /** Where the simulated meters run. */
    enum Fleet {
        IN_PROCESS("in-process"), CHILD("child");

        final String label;

        Fleet(String label) {
            this.label = label;
        }

        static Fleet parse(String text) {
            for (Fleet f : values()) {
                if (f.label.equalsIgnoreCase(text) || f.name().equalsIgnoreCase(text)) {
                    return f;
                }
            }
            throw new CommandLine.TypeConversionException("'" + text + "' is not in-process or child");
        }

        @Override
        public String toString() {
            return label;
        }
    }

    @Option(names = "--meters", description = "whole simulated meters per bus, 1..64 (default: ${DEFAULT-VALUE})")
    int meters = 32;

    @Option(names = "--baud", description = "bus speed, 8E1 (default: ${DEFAULT-VALUE})")
    int baud = 2400;

    @Option(names = "--buses", description = "buses polled in parallel in phase B, 0 to skip it (default: ${DEFAULT-VALUE})")
    int buses = 4;

    @Option(names = "--seconds", description = "measuring time of each phase (default: ${DEFAULT-VALUE})")
    int seconds = 30;

    @Option(names = "--warmup", description = "seconds polled before measuring, not counted (default: ${DEFAULT-VALUE})")
    int warmup = 5;

    @Option(names = "--turnaround", paramLabel = "MS", description = "meters' reply delay, ms, 20..500 (default: ${DEFAULT-VALUE})")
    int turnaroundMillis = 20;

    @Option(names = "--outstanding", description = "reads kept queued on each channel (default: ${DEFAULT-VALUE})")
    int outstanding = 3;

    @Option(names = "--fleet", paramLabel = "in-process|child", converter = FleetConverter.class,
            description = "where the meters run: in this JVM, or one child JVM per bus (default: ${DEFAULT-VALUE})")
    Fleet fleet = Fleet.IN_PROCESS;

    static final class FleetConverter implements CommandLine.ITypeConverter<Fleet> {
        @Override
        public Fleet convert(String value) {
            return Fleet.parse(value);
        }
    }

    public static void main(String[] args) {
        Logging.configure();
        System.exit(new CommandLine(new BusBench()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        CommandLine cmd = new CommandLine(this);
        if (meters < 1 || meters > 64) {
            throw new CommandLine.ParameterException(cmd, "--meters must be 1..64, was " + meters);
        }
        if (buses < 0 || buses > 16 || seconds < 1 || warmup < 0 || outstanding < 1 || outstanding > 64) {
            throw new CommandLine.ParameterException(cmd, "--buses 0..16, --seconds >= 1, --warmup >= 0, --outstanding 1..64");
        }
        LinkSettings link;
        try {
            link = LinkSettings.dlt645Default().withBaud(baud).withTurnaround(Duration.ofMillis(turnaroundMillis));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, e.getMessage());
        }
        LineSettings line = new LineSettings(baud, 8, LineSettings.Parity.EVEN, 1);
        MeterAddress any = MeterAddress.of(1);
        int request = Dlt645Frame.readData(any, DataIdentifier.FORWARD_ACTIVE_TOTAL).encode(4).length;
        int reply = Dlt645Frame.readReply(any, DataIdentifier.FORWARD_ACTIVE_TOTAL, new byte[4]).encode(link.preamble()).length;
        WireBudget budget = new WireBudget(request, reply, baud, link.bitsPerByte(), link.turnaround());

        System.out.printf(Locale.ROOT, "bench bus: DL/T 645 read of 00010000 round-robin, %d outstanding per channel; "
                        + "meters: whole simulated meters (%s), %s; %d CPU cores%n", outstanding,
                fleet == Fleet.CHILD ? "one child JVM per bus" : "in this JVM", link,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "theory: %s -> %.2f reads/s a bus%n", budget.describe(), budget.readsPerSecond());

        Path data = Files.createTempDirectory("ami-bench-bus");
        try {
            Phase one = runPhase(1, link, line, data.resolve("a"));
            double oneRate = one.total();
            System.out.printf(Locale.ROOT, "one bus: %d meters, %d baud, request %d B + reply %d B + %d ms -> theoretical %.2f"
                            + " reads/s; achieved %.2f reads/s; utilisation %.3f%n", meters, baud, request, reply,
                    turnaroundMillis, budget.readsPerSecond(), oneRate, budget.utilisation(oneRate));
            report(one, budget);
            double u = budget.utilisation(oneRate);
            System.out.printf(Locale.ROOT, "  target utilisation >= %.2f on one bus: %s%n", TARGET_UTILISATION,
                    u >= TARGET_UTILISATION && one.failures() == 0 ? "PASS" : "FAIL");
            if (buses > 0) {
                Phase many = runPhase(buses, link, line, data.resolve("b"));
                double ratio = many.total() / oneRate;
                double target = buses * TARGET_SPEEDUP_PER_BUS;
                System.out.printf(Locale.ROOT, "%d buses: %.2f reads/s = %.2f x one bus (utilisation %.3f a bus)%n", buses,
                        many.total(), ratio, budget.utilisation(many.total() / buses));
                report(many, budget);
                System.out.printf(Locale.ROOT, "  target >= %.1fx one bus: %s%n", target,
                        ratio >= target && many.failures() == 0 ? "PASS" : "FAIL");
            }
        } finally {
            TempDirs.delete(data);
        }
        return 0;
    }

    /** What one phase measured. */
    private record Phase(List<BusLoad.Result> results, List<ChannelStatistics> channel, List<Long> replyMicros,
                         double machineBusy, double processCores, double childCores) {
        double total() {
            return results.stream().mapToDouble(BusLoad.Result::readsPerSecond).sum();
        }

        long failures() {
            return results.stream().mapToLong(BusLoad.Result::failures).sum();
        }
    }

    private Phase runPhase(int count, LinkSettings link, LineSettings line, Path data) throws Exception {
        List<BusRig> rigs = new ArrayList<>();
        try {
            for (int b = 0; b < count; b++) {
                MeterAddress first = MeterAddress.of(1000L * (b + 1) + 1);
                Path dir = data.resolve("bus-" + (b + 1));
                MeterBus m = fleet == Fleet.CHILD
                        ? ChildProcessFleet.start(meters, first, link, dir, "256m")
                        : InProcessFleet.start(meters, first, link, dir);
                try {
                    rigs.add(BusRig.open(m, "rs485-" + (b + 1), line, outstanding));
                } catch (RuntimeException e) {
                    m.close();
                    throw e;
                }
            }
            for (BusRig r : rigs) {
                r.load().start();
            }
            Thread.sleep(warmup * 1000L);
            long childBefore = childCpu(rigs);
            CpuUsage cpu0 = CpuUsage.now();
            for (BusRig r : rigs) {
                r.load().beginWindow();
            }
            Thread.sleep(seconds * 1000L);
            List<BusLoad.Result> results = new ArrayList<>();
            for (BusRig r : rigs) {
                results.add(r.load().endWindow());
            }
            CpuUsage cpu1 = CpuUsage.now();
            long childAfter = childCpu(rigs);
            // since the channel opened: warm-up included, so a read in flight at either end of the window barely counts
            List<ChannelStatistics> totals = rigs.stream().map(BusRig::statistics).toList();
            List<Long> reply = rigs.stream().map(BusRig::meanReplyMicros).toList();
            double wall = (cpu1.wallNanos() - cpu0.wallNanos()) / 1e9;
            double childCores = childBefore < 0 || childAfter < 0 ? -1 : (childAfter - childBefore) / 1e9 / wall;
            return new Phase(results, totals, reply, cpu1.machineBusySince(cpu0), cpu1.processCoresSince(cpu0), childCores);
        } finally {
            for (BusRig r : rigs) {
                r.close();
            }
        }
    }

    private static long childCpu(List<BusRig> rigs) {
        long sum = 0;
        for (BusRig r : rigs) {
            long c = r.meters().childCpuNanos();
            if (c < 0) {
                return -1;
            }
            sum += c;
        }
        return sum;
    }

    private void report(Phase p, WireBudget budget) {
        for (int i = 0; i < p.results().size(); i++) {
            BusLoad.Result r = p.results().get(i);
            ChannelStatistics c = p.channel().get(i);
            Map<String, Long> why = new TreeMap<>(r.failureReasons());
            System.out.printf(Locale.ROOT, "  bus %d: %.2f reads/s over %.1f s, %d reads, %d failures%s;"
                            + " exchange time p50 %.1f ms, p95 %.1f ms (theory %.1f ms)%n", i + 1, r.readsPerSecond(),
                    r.seconds(), r.successes(), r.failures(), why.isEmpty() ? "" : " " + why, r.p50Nanos() / 1e6,
                    r.p95Nanos() / 1e6, budget.secondsPerRead() * 1e3);
            System.out.printf(Locale.ROOT, "         since start: %d exchanges, %d retries, %.1f B out and %.1f B in a read;"
                            + " end of request to end of reply %.1f ms mean (theory: turnaround + reply = %.1f ms)%n",
                    c.attempts(), c.retries(), c.attempts() == 0 ? 0.0 : (double) c.bytesSent() / c.attempts(),
                    c.succeeded() == 0 ? 0.0 : (double) c.bytesReceived() / c.succeeded(), p.replyMicros().get(i) / 1e3,
                    (budget.turnaround().toNanos() + (double) budget.replyBytes() * budget.bitsPerByte() / budget.baud() * 1e9) / 1e6);
        }
        String machine = p.machineBusy() < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f %%", p.machineBusy() * 100);
        String child = p.childCores() < 0 ? "" : String.format(Locale.ROOT, ", meter processes %.2f cores", p.childCores());
        System.out.printf(Locale.ROOT, "  CPU over the window: machine %s busy (%d cores), this JVM %.2f cores%s%s%n",
                machine, Runtime.getRuntime().availableProcessors(), p.processCores(), child,
                p.machineBusy() > 0.9 ? " -- the machine's CPUs were saturated (this bench or other work):"
                        + " exchange times include waiting for a CPU, the figures understate the bus" : "");
    }
}
