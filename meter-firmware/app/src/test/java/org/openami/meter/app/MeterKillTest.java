package org.openami.meter.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.meter.engine.MeterEngine;
import org.openami.meter.engine.MeterJournal.FreezeKind;
import org.openami.meter.event.EventType;
import org.openami.meter.event.MeterEvent;
import org.openami.meter.freeze.FreezeRecord;
import org.openami.meter.freeze.LoadProfilePoint;
import org.openami.meter.register.EnergyKind;
import org.openami.meter.register.EnergyRegisters;
import org.openami.meter.storage.SyncPolicy;
import org.openami.meter.store.FileMeterJournal;
import org.openami.sim.serial.PseudoTerminal;

/**
 * Power-fail safety with real kills: the meter runs as a child JVM (`ami meter` on a
 * pseudo-terminal, simulated chips, its RTC 1200 times faster than real time so midnight,
 * a settlement and many quarter hours pass) and is killed with SIGKILL at random moments.
 * After every kill the test opens the journal with the production code and checks that
 * nothing the meter had confirmed is lost, nothing is corrupt, and the history is
 * monotonic and free of duplicates.
 */
class MeterKillTest {

    private static final int KILLS = 12;
    private static final double SPEED = 1200;
    private static final long LOAD_W = 3000;

    @TempDir
    Path dir;

    /** A persisted sample the child reported: meter time (ms) and forward active total (mWh). */
    private record Tick(long atMillis, long forward) {
        static Tick parse(String line) {
            String[] p = line.split(" ");
            return new Tick(Long.parseLong(p[1]), Long.parseLong(p[2]));
        }
    }

    @Test
    void randomKillsNeverCorruptOrLoseConfirmedEnergy() throws Exception {
        Random random = new Random(20261121);
        Path data = dir.resolve("meter");
        EnergyRegisters previous = new EnergyRegisters();
        int confirmedTicks = 0;
        try (PseudoTerminal pty = PseudoTerminal.open()) {
            for (int kill = 0; kill < KILLS; kill++) {
                Process child = startMeter(pty.slavePath(), data);
                AtomicReference<Tick> last = new AtomicReference<>();
                Thread reader = new Thread(() -> readTicks(child, last), "tick-reader");
                reader.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (last.get() == null && child.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(last.get()).as("meter started and reported a sample (kill %d)", kill).isNotNull();
                Thread.sleep(100 + random.nextInt(1200));
                child.destroyForcibly(); // SIGKILL
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
                reader.join(5000);
                Tick confirmed = last.get();
                confirmedTicks++;

                try (FileMeterJournal j = FileMeterJournal.open(data, SyncPolicy.NONE)) {
                    var state = MeterEngine.inspect(j).orElseThrow();
                    EnergyRegisters r = state.registers();
                    assertThat(r.isConsistent()).as("totals equal the sum of tariffs").isTrue();
                    assertThat(r.isAtLeast(previous)).as("registers never go back").isTrue();
                    long stored = r.total(EnergyKind.FORWARD_ACTIVE);
                    assertThat(stored).as("nothing confirmed is lost").isGreaterThanOrEqualTo(confirmed.forward());
                    long extraMillis = state.lastTick().toEpochMilli() - confirmed.atMillis();
                    assertThat(extraMillis).isGreaterThanOrEqualTo(0);
                    // at most the one sample persisted after the last report: its energy fits its span
                    assertThat(stored - confirmed.forward()).isLessThanOrEqualTo(LOAD_W * 1100 * extraMillis / 3_600_000 + 1000);
                    checkHistory(j, r);
                    previous = r;
                }
            }
        }
        try (FileMeterJournal j = FileMeterJournal.open(data, SyncPolicy.NONE)) {
            assertThat(j.freezes(FreezeKind.DAILY)).as("midnight passed").isNotEmpty();
            assertThat(j.freezes(FreezeKind.MONTHLY)).as("settlement passed").isNotEmpty();
            assertThat(j.events(EventType.POWER_DOWN)).as("every restart after a kill is a power-down")
                    .hasSizeGreaterThanOrEqualTo(KILLS - 2);
            assertThat(j.profile()).as("quarter hours passed while running").isNotEmpty();
        }
        assertThat(confirmedTicks).isEqualTo(KILLS);
    }

    private static void checkHistory(FileMeterJournal j, EnergyRegisters now) {
        List<FreezeRecord> daily = new ArrayList<>(j.freezes(FreezeKind.DAILY));
        java.util.Collections.reverse(daily);
        for (int i = 1; i < daily.size(); i++) {
            assertThat(daily.get(i).at()).as("one freeze per midnight").isAfter(daily.get(i - 1).at());
            assertThat(daily.get(i).registers().isAtLeast(daily.get(i - 1).registers())).isTrue();
        }
        for (FreezeRecord f : daily) {
            assertThat(now.isAtLeast(f.registers())).isTrue();
            assertThat(f.registers().isConsistent()).isTrue();
        }
        List<LoadProfilePoint> p = j.profile();
        for (int i = 1; i < p.size(); i++) {
            assertThat(p.get(i).at()).isAfter(p.get(i - 1).at());
            assertThat(p.get(i).forwardActiveMwh()).isGreaterThanOrEqualTo(p.get(i - 1).forwardActiveMwh());
        }
        List<MeterEvent> downs = j.events(EventType.POWER_DOWN);
        for (int i = 1; i < downs.size(); i++) {
            assertThat(downs.get(i).start()).as("no power-down recorded twice").isBefore(downs.get(i - 1).start());
        }
    }

    private Process startMeter(String port, Path data) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                "org.openami.meter.cli.MeterCommand", "--port", port, "--address", "000000000001",
                "--data-dir", data.toString(), "--hal", "sim", "--speed", Double.toString(SPEED),
                "--start", Instant.parse("2026-11-30T14:00:00Z").toString(), "--load", "constant:" + LOAD_W,
                "--no-fsync", "--report-ticks");
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("meter-stderr.log").toFile())).start();
    }

    private static void readTicks(Process child, AtomicReference<Tick> last) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("tick ")) {
                    String[] parts = line.split(" ");
                    if (parts.length == 5) { // a line cut by the kill is not a confirmation
                        last.set(Tick.parse(line));
                    }
                }
            }
        } catch (Exception ignored) {
            // the child was killed
        }
    }
}
