package org.openami.meter.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openami.dlt645.DataIdentifier;
import org.openami.dlt645.Dlt645Decoder;
import org.openami.dlt645.Dlt645Frame;
import org.openami.dlt645.MeterAddress;
import org.openami.sim.serial.PseudoTerminal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ami bench meter}: one meter process ({@code ami meter --hal sim}, real time, 1 Hz
 * sampling, fsync on) with its heap capped, polled over a pseudo-terminal as a
 * concentrator would; prints the reply latency (end of request to first reply byte), the
 * process's CPU use as a share of one core, and its heap use, against the goals
 * (20..50 ms, under 5 %, under 32 MB).
 */
@Command(name = "meter", mixinStandardHelpOptions = true, description = "Reply latency, CPU and heap of one meter process.")
public final class MeterBench implements Callable<Integer> {

    @Option(names = "--seconds", description = "measuring time (default: ${DEFAULT-VALUE})")
    int seconds = 60;

    @Option(names = "--interval", description = "time between reads, as a concentrator polling one meter (default: ${DEFAULT-VALUE})")
    Duration interval = Duration.ofMillis(500);

    @Option(names = "--heap", description = "the meter's -Xmx (default: ${DEFAULT-VALUE})")
    String heap = "32m";

    public static void main(String[] args) {
        System.exit(new CommandLine(new MeterBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path data = Files.createTempDirectory("ami-bench-meter");
        MeterAddress addr = MeterAddress.parse("000000000001");
        try (PseudoTerminal pty = PseudoTerminal.open()) {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> cmd = List.of(java, "-Xmx" + heap, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    "org.openami.meter.cli.MeterCommand", "--port", pty.slavePath(), "--address", addr.toString(),
                    "--data-dir", data.toString(), "--hal", "sim", "--report-resources", "5");
            Process meter = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            AtomicLong maxHeap = new AtomicLong();
            AtomicLong samples = new AtomicLong();
            Thread out = new Thread(() -> readResources(meter, maxHeap, samples), "meter-stdout");
            out.setDaemon(true);
            out.start();
            try {
                System.out.printf("bench meter: one meter process (-Xmx%s, simulated ADE7953, 1 Hz sampling, fsync), %d s of reads every %d ms%n",
                        heap, seconds, interval.toMillis());
                Thread.sleep(4000); // start-up and JIT warm-up are not what the goal is about
                poll(pty, addr, Duration.ofSeconds(5), null); // warm the reply path
                long cpu0 = cpuNanos(meter);
                long wall0 = System.nanoTime();
                List<Long> latencies = new ArrayList<>();
                int timeouts = poll(pty, addr, Duration.ofSeconds(seconds), latencies);
                long cpu = cpuNanos(meter) - cpu0;
                long wall = System.nanoTime() - wall0;
                report(latencies, timeouts, cpu, wall, maxHeap.get(), samples.get());
            } finally {
                meter.destroy();
                meter.waitFor(10, TimeUnit.SECONDS);
                meter.destroyForcibly();
            }
        } finally {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    private int poll(PseudoTerminal pty, MeterAddress addr, Duration span, List<Long> latencies) throws Exception {
        int[] dis = {0x00010000, 0x02010100, 0x02020100, 0x02030000, 0x04000102, 0x04000503, 0x0001FF00};
        Dlt645Decoder decoder = new Dlt645Decoder();
        byte[] buf = new byte[512];
        int timeouts = 0;
        long end = System.nanoTime() + span.toNanos();
        for (int i = 0; System.nanoTime() < end; i++) {
            decoder.reset();
            byte[] req = Dlt645Frame.readData(addr, DataIdentifier.of(dis[i % dis.length])).encode(4);
            long sent = System.nanoTime();
            pty.masterOutput().write(req);
            long first = -1;
            boolean done = false;
            while (!done && System.nanoTime() - sent < 1_000_000_000L) {
                int n = pty.read(buf, 0, buf.length, Duration.ofMillis(600));
                if (n > 0) {
                    if (first < 0) {
                        first = System.nanoTime();
                    }
                    done = !decoder.feed(buf, 0, n).isEmpty();
                }
            }
            if (!done) {
                timeouts++;
            } else if (latencies != null) {
                latencies.add(first - sent);
            }
            long wait = interval.toNanos() - (System.nanoTime() - sent);
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000);
            }
        }
        return timeouts;
    }

    private static void report(List<Long> lat, int timeouts, long cpuNanos, long wallNanos, long heap, long samples) {
        long[] a = lat.stream().mapToLong(Long::longValue).sorted().toArray();
        double cpuPct = 100.0 * cpuNanos / wallNanos;
        System.out.printf("  reads answered      %d (%d timed out)%n", a.length, timeouts);
        if (a.length > 0) {
            System.out.printf("  reply latency ms    min %.1f  p50 %.1f  p95 %.1f  p99 %.1f  max %.1f   goal 20..50: %s%n",
                    ms(a[0]), ms(pct(a, 50)), ms(pct(a, 95)), ms(pct(a, 99)), ms(a[a.length - 1]),
                    a[0] >= 20_000_000 && pct(a, 95) <= 50_000_000 ? "met (p95)" : "NOT met");
            System.out.printf("  within 20..50 ms    %.1f %% of replies%n",
                    100.0 * Arrays.stream(a).filter(x -> x >= 20_000_000 && x <= 50_000_000).count() / a.length);
        }
        System.out.printf("  CPU                 %.2f %% of one core (incl. answering %.1f reads/s)   goal < 5: %s%n",
                cpuPct, a.length / (wallNanos / 1e9), cpuPct < 5 ? "met" : "NOT met");
        System.out.printf("  heap used (max seen) %.1f MB, under a -Xmx cap   goal < 32 MB: %s%n", heap / 1e6, heap < 32_000_000 ? "met" : "NOT met");
        System.out.printf("  samples taken       %d%n", samples);
    }

    private static long pct(long[] a, int p) {
        return a[Math.min(a.length - 1, (int) Math.ceil(p / 100.0 * a.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static long cpuNanos(Process p) {
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static void readResources(Process meter, AtomicLong maxHeap, AtomicLong samples) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(meter.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("resources ")) {
                    for (String kv : line.substring(10).split(" ")) {
                        String[] p = kv.split("=");
                        if (p[0].equals("heapUsed")) {
                            maxHeap.accumulateAndGet(Long.parseLong(p[1]), Math::max);
                        } else if (p[0].equals("samples")) {
                            samples.set(Long.parseLong(p[1]));
                        }
                    }
                }
            }
        } catch (Exception ignored) {
            // the meter was stopped
        }
    }
}
