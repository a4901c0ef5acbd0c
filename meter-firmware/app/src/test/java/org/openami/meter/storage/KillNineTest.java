package org.openami.meter.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code kill -9}: a child JVM ({@link CrashLoopChild}) writes as fast as it can and is killed with
 * SIGKILL ({@link Process#destroyForcibly()}) at a random moment, 24 times; after each kill the files are
 * reopened and checked against what the child had confirmed on stdout.
 */
@EnabledOnOs(OS.LINUX)
class KillNineTest {

    private static final int KILLS = 24;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void killMinusNineNeverLosesConfirmedDataNorCorruptsTheFiles() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long onDiskRing = 0; // newest ring sequence found on disk after the previous kill, 0 = none yet
        long onDiskSnapshot = 0;
        int confirmedTotal = 0;
        int killedWhileStarting = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            String context = "kill #" + kill + " (seed " + seed + ")";
            SyncPolicy sync = kill % 3 == 2 ? SyncPolicy.FSYNC : SyncPolicy.NONE;
            Path err = dir.resolve("child-" + kill + ".err");
            Path stdout = dir.resolve("child-" + kill + ".out");
            Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m",
                    "-cp", System.getProperty("java.class.path"), CrashLoopChild.class.getName(),
                    dir.resolve("data").toString(), sync.name())
                    .redirectError(err.toFile())
                    .redirectOutput(stdout.toFile())
                    .start();
            if (kill % 6 == 5) { // kill at a random moment, possibly during JVM start or file creation
                Thread.sleep(random.nextInt(400));
            } else { // kill while it is writing
                ChildOutput.await(stdout, 20, child, 20_000); // OPEN and the first commits
                Thread.sleep(random.nextInt(120));
            }
            child.destroyForcibly();
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).as(context).isTrue();
            ChildOutput out = ChildOutput.parse(stdout);
            String stderr = Files.readString(err);
            assertThat(child.exitValue()).as("%s: child must die of SIGKILL, stderr: %s", context, stderr).isEqualTo(137);
            assertThat(out.error).as(context).isNull();
            if (out.openRing == 0) {
                killedWhileStarting++;
            } else { // sequences continue exactly where the disk left off
                assertThat(out.openRing).as(context).isEqualTo(onDiskRing + 1);
                assertThat(out.openSnapshot).as(context).isEqualTo(onDiskSnapshot + 1);
            }
            confirmedTotal += out.confirmed;
            long confirmedRing = out.lastRing > 0 ? out.lastRing : onDiskRing;
            long confirmedSnapshot = out.lastSnapshot > 0 ? out.lastSnapshot : onDiskSnapshot;

            try (RecordRing ring = RecordRing.open(CrashLoopChild.ringFile(dir.resolve("data")),
                    CrashLoopChild.RING_CAPACITY, CrashLoopChild.RING_MAX, SyncPolicy.NONE)) {
                List<StoredRecord> records = ring.records();
                long newest = records.isEmpty() ? 0 : records.get(records.size() - 1).sequence();
                assertThat(newest).as("%s: nothing confirmed is lost, at most one unconfirmed is kept", context)
                        .isBetween(confirmedRing, confirmedRing + 1);
                assertThat(ring.damagedSlotsAtOpen()).as(context).isLessThanOrEqualTo(1);
                assertThat(ring.nextSequence()).as(context).isEqualTo(newest + 1);
                for (int i = 0; i < records.size(); i++) {
                    StoredRecord r = records.get(i);
                    assertThat(r.sequence()).as(context).isEqualTo(newest - records.size() + 1 + i);
                    assertThat(r.payload()).as(context).isEqualTo(CrashLoopChild.ringPayload(r.sequence()));
                }
                long expectedSize = Math.min(CrashLoopChild.RING_CAPACITY, newest);
                assertThat(records.size()).as(context).isBetween((int) expectedSize - ring.damagedSlotsAtOpen(), (int) expectedSize);
                if (confirmedRing > 0) {
                    assertThat(records).as(context)
                            .contains(new StoredRecord(confirmedRing, CrashLoopChild.ringPayload(confirmedRing)));
                }
                onDiskRing = newest;
            }
            try (SnapshotFile snap = SnapshotFile.open(CrashLoopChild.snapshotFile(dir.resolve("data")),
                    CrashLoopChild.SNAP_MAX, SyncPolicy.NONE)) {
                Optional<StoredRecord> s = snap.load();
                long seq = s.map(StoredRecord::sequence).orElse(0L);
                assertThat(seq).as(context).isBetween(confirmedSnapshot, confirmedSnapshot + 1);
                s.ifPresent(v -> assertThat(v.payload()).as(context).isEqualTo(CrashLoopChild.snapshotPayload(v.sequence())));
                onDiskSnapshot = seq;
            }
        }
        System.out.printf("kill -9 test: %d kills (%d while starting), %d confirmed writes, ring at %d, snapshot at %d%n",
                KILLS, killedWhileStarting, confirmedTotal, onDiskRing, onDiskSnapshot);
        assertThat(onDiskRing).as("the ring must have wrapped").isGreaterThan(2L * CrashLoopChild.RING_CAPACITY);
        assertThat(killedWhileStarting).isLessThan(KILLS);
    }

    /** The child's stdout after its death: only complete lines count; sequences must be consecutive. */
    private static final class ChildOutput {
        long openRing;
        long openSnapshot;
        long lastRing;
        long lastSnapshot;
        int confirmed;
        String error;

        static ChildOutput parse(Path file) throws IOException {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            ChildOutput out = new ChildOutput();
            int start = 0;
            for (int nl; (nl = text.indexOf('\n', start)) >= 0; start = nl + 1) {
                out.accept(text.substring(start, nl));
            }
            return out;
        }

        private void accept(String line) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "OPEN" -> {
                    openRing = Long.parseLong(f[1]);
                    openSnapshot = Long.parseLong(f[2]);
                }
                case "R" -> {
                    long r = Long.parseLong(f[1]);
                    expect(r, lastRing == 0 ? openRing : lastRing + 1, line);
                    lastRing = r;
                    confirmed++;
                }
                case "S" -> {
                    long s = Long.parseLong(f[1]);
                    expect(s, lastSnapshot == 0 ? openSnapshot : lastSnapshot + 1, line);
                    lastSnapshot = s;
                    confirmed++;
                }
                default -> error = "unexpected line '" + line + "'";
            }
        }

        private void expect(long got, long expected, String line) {
            if (got != expected && error == null) {
                error = "line '" + line + "' but expected sequence " + expected;
            }
        }

        /** Waits until the child has written {@code bytes} bytes of output (or died, or timed out). */
        static void await(Path file, int bytes, Process child, long timeoutMillis) throws InterruptedException, IOException {
            long end = System.currentTimeMillis() + timeoutMillis;
            while ((!Files.exists(file) || Files.size(file) < bytes) && child.isAlive()
                    && System.currentTimeMillis() < end) {
                Thread.sleep(2);
            }
        }
    }
}
