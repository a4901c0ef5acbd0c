package org.openami.concentrator.dlt645.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM ({@link CounterKillNineChild}) takes counters as fast as it can and is killed
 * with SIGKILL at random moments, again and again: every counter the next child hands out
 * must be above every counter a previous child confirmed, meter by meter.
 */
class FileControlCounterKillNineTest {

    private static final int KILLS = 8;
    private static final String END = " .";

    @TempDir
    Path dir;

    @Test
    void countersNeverRepeatAcrossKillNine() throws Exception {
        Path file = dir.resolve("counters");
        Random rnd = new Random(42);
        Map<Integer, Long> highest = new HashMap<>();
        Map<Integer, Set<Long>> all = new HashMap<>();
        int total = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Path err = dir.resolve("child-" + kill + ".err");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx32m", "-cp", System.getProperty("java.class.path"), CounterKillNineChild.class.getName(),
                    file.toString(), Integer.toString(1 + rnd.nextInt(16)))
                    .redirectError(err.toFile()).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread pump = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.US_ASCII))) {
                    String l;
                    while ((l = r.readLine()) != null) {
                        lines.add(l);
                    }
                } catch (java.io.IOException ignored) {
                    // the child died
                }
            });
            pump.start();
            List<String> got = new ArrayList<>();
            try {
                String first = lines.poll(30, TimeUnit.SECONDS);
                if (!("OPEN" + END).equals(first)) {
                    fail("child did not open the counter file (got " + first + "): " + Files.readString(err));
                }
                Thread.sleep(100 + rnd.nextInt(500));
            } finally {
                child.toHandle().destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
                pump.join(10_000);
            }
            lines.drainTo(got);
            Map<Integer, Long> runHighest = new HashMap<>();
            int confirmed = 0;
            for (String l : got) {
                if (!l.endsWith(END)) {
                    continue; // cut by the kill
                }
                String[] f = l.split(" ");
                int meter = Integer.parseInt(f[1]);
                long v = Long.parseLong(f[2]);
                Long prevRun = highest.get(meter);
                if (prevRun != null) {
                    assertThat(v).as("meter %d after kill %d", meter, kill).isGreaterThan(prevRun);
                }
                Long prev = runHighest.put(meter, v);
                if (prev != null) {
                    assertThat(v).as("meter %d within run %d", meter, kill).isGreaterThan(prev);
                }
                assertThat(all.computeIfAbsent(meter, m -> new HashSet<>()).add(v)).isTrue();
                confirmed++;
            }
            assertThat(confirmed).as("child %d confirmed counters before the kill", kill).isPositive();
            total += confirmed;
            highest.putAll(runHighest);
        }
        assertThat(all).containsOnlyKeys(1, 2, 3);
        assertThat(total).isGreaterThan(KILLS);
    }
}
