package org.openami.concentrator.bench.bus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openami.concentrator.bench.Logging;
import org.openami.dlt645.MeterAddress;
import org.openami.meter.link.LinkSettings;

/**
 * Whole simulated meters in a child JVM: {@code org.openami.meter.cli.SimBusCommand} (what
 * {@code ami sim bus} runs) started from this JVM's class path, which prints the pty path on
 * its first line of output. Its log goes to a file next to its data. Note that
 * {@code SimBusCommand} syncs the meters' journals ({@code SyncPolicy.FSYNC}); at 1 Hz
 * metrology and real time that is a few writes a second per meter.
 */
public final class ChildProcessFleet implements MeterBus {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final String path;
    private final List<MeterAddress> addresses;

    private ChildProcessFleet(Process process, String path, List<MeterAddress> addresses) {
        this.process = process;
        this.path = path;
        this.addresses = addresses;
    }

    /**
     * Starts the child and waits (up to a minute) for its pty.
     *
     * @param meters  1..64
     * @param first   the first meter's address; the others count up
     * @param link    the bus speed and the meters' turnaround (the command's preamble is the default, 4 FE)
     * @param dataDir the meters' data; the child's log goes to {@code dataDir/fleet.log}
     * @param heap    the child's -Xmx, e.g. {@code 256m}
     * @throws IOException if the child cannot start or does not print its pty in time
     */
    public static ChildProcessFleet start(int meters, MeterAddress first, LinkSettings link, Path dataDir, String heap)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = List.of(java, "-Xmx" + heap, "-XX:+UseSerialGC", Logging.childOption(), "-cp", System.getProperty("java.class.path"),
                "org.openami.meter.cli.SimBusCommand", "--meters", Integer.toString(meters), "--baud",
                Integer.toString(link.baud()), "--turnaround", link.turnaround().toString(), "--first-address",
                first.toString(), "--data-dir", dataDir.toString());
        Files.createDirectories(dataDir);
        Process p = new ProcessBuilder(cmd).redirectError(dataDir.resolve("fleet.log").toFile()).start();
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                return r.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String pty;
        try {
            pty = firstLine.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while starting the meter process");
        } catch (ExecutionException | TimeoutException e) {
            pty = null;
        }
        if (pty == null || !pty.startsWith("/dev/")) {
            p.destroyForcibly();
            throw new IOException("the meter process did not print its pty (got " + pty + "); see "
                    + dataDir.resolve("fleet.log"));
        }
        List<MeterAddress> addresses = new ArrayList<>(meters);
        long n = Long.parseLong(first.toString());
        for (int i = 0; i < meters; i++) {
            addresses.add(MeterAddress.of(n + i));
        }
        return new ChildProcessFleet(p, pty, List.copyOf(addresses));
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public List<MeterAddress> addresses() {
        return addresses;
    }

    @Override
    public long childCpuNanos() {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
