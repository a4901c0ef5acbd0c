package org.openami.concentrator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;
import org.openami.concentrator.store.StoreException.Reason;

/**
 * Kills a real writer process with SIGKILL ({@link ProcessHandle#destroyForcibly()}) at random
 * moments, ten times, and checks after each kill that every reading the child had confirmed is
 * in the store with its value, that no key is stored twice, that nothing is undecodable, and
 * that every confirmed delivery mark held. The child also runs housekeeping (with compaction),
 * so some kills land while the file is being compacted.
 */
class KillNineTest {

    private static final int KILLS = 10;
    private static final String END = " .";

    @TempDir
    Path dir;

    private final Clock clock = Clock.systemUTC();

    @Test
    void everyConfirmedWriteSurvivesSigkill() throws Exception {
        Path file = dir.resolve("kill.mv.db");
        Random rnd = new Random(20250101);
        long confirmed = -1;          // every index <= confirmed was confirmed
        long attempted = -1;          // highest index any child may have written
        Set<Long> deliveredSeqs = new HashSet<>();
        int housekeepings = 0;
        int killedInHousekeeping = 0;

        for (int kill = 0; kill < KILLS; kill++) {
            long start = Math.max(0, confirmed + 1 - rnd.nextInt(30)); // re-put a few: must stay idempotent
            Path err = dir.resolve("child-" + kill + ".err");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-cp", System.getProperty("java.class.path"), KillNineChild.class.getName(),
                    file.toString(), Long.toString(start), Long.toString(rnd.nextLong()))
                    .redirectError(err.toFile())
                    .start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            boolean inHousekeeping = false;
            Thread pump = pump(child, lines);
            try {
                String first = lines.poll(30, TimeUnit.SECONDS);
                if (!("OPEN" + END).equals(first)) {
                    fail("child did not open the store (got " + first + "): " + Files.readString(err));
                }
                if (kill == 0) {
                    assertLockedByChild(file);
                }
                long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100 + rnd.nextInt(900));
                long remaining;
                while ((remaining = killAt - System.nanoTime()) > 0) {
                    String line = lines.poll(remaining, TimeUnit.NANOSECONDS);
                    if (line != null) {
                        long[] c = apply(line, deliveredSeqs);
                        confirmed = Math.max(confirmed, c[0]);
                        housekeepings += (int) c[1];
                        inHousekeeping = c[2] == 1 || (inHousekeeping && c[2] == 0);
                    }
                }
            } finally {
                // SIGKILL through the handle: Process.destroyForcibly() would also close our end of
                // the child's stdout and lose confirmations still in the pipe
                child.toHandle().destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
                pump.join(10_000);
            }
            for (String line; (line = lines.poll()) != null; ) { // printed before the kill
                long[] c = apply(line, deliveredSeqs);
                confirmed = Math.max(confirmed, c[0]);
                housekeepings += (int) c[1];
                inHousekeeping = c[2] == 1 || (inHousekeeping && c[2] == 0);
            }
            if (inHousekeeping) {
                killedInHousekeeping++;
            }
            assertThat(child.isAlive()).isFalse();
            attempted = Math.max(attempted, confirmed + 8);
            verify(file, confirmed, attempted, deliveredSeqs, kill);
        }
        System.out.printf("kill -9 test: %d kills (%d during housekeeping), %d readings confirmed, %d delivery marks,"
                + " %d housekeeping runs%n", KILLS, killedInHousekeeping, confirmed + 1, deliveredSeqs.size(), housekeepings);
        assertThat(confirmed).as("the children made progress").isGreaterThan(500);
        assertThat(deliveredSeqs).isNotEmpty();
    }

    /**
     * Applies a confirmation line; returns {highest confirmed index or -1, housekeeping runs
     * finished, 1 if housekeeping started / -1 if it ended / 0}.
     */
    private static long[] apply(String line, Set<Long> deliveredSeqs) {
        if (!line.endsWith(END)) {
            return new long[] {-1, 0, 0}; // cut by the kill: not a confirmation
        }
        String body = line.substring(0, line.length() - END.length());
        if (body.equals("HK")) {
            return new long[] {-1, 0, 1};
        }
        if (body.startsWith("P ")) {
            return new long[] {Long.parseLong(body.substring(2)), 0, 0};
        }
        if (body.startsWith("D ")) {
            for (String s : body.substring(2).split(",")) {
                if (!s.isBlank()) {
                    deliveredSeqs.add(Long.parseLong(s.trim()));
                }
            }
        }
        return body.equals("H") ? new long[] {-1, 1, -1} : new long[] {-1, 0, 0};
    }

    private void assertLockedByChild(Path file) {
        try (ForwardStore s = ForwardStore.open(file, KillNineChild.settings(), clock)) {
            fail("opened a store another process holds: " + s.path());
        } catch (StoreException e) {
            assertThat(e.reason()).isEqualTo(Reason.LOCKED);
        }
    }

    private void verify(Path file, long confirmed, long attempted, Set<Long> deliveredSeqs, int kill) throws StoreException {
        try (ForwardStore store = ForwardStore.open(file, KillNineChild.settings(), clock)) {
            assertThat(store.statistics().undecodableEntries()).as("undecodable after kill %d", kill).isZero();
            assertThat(store.statistics().evictedDelivered() + store.statistics().evictedUndelivered())
                    .as("test setup: the limit must not be reached").isZero();

            Set<Long> pending = new HashSet<>();
            for (StoredEntry e : store.nextBatch(Integer.MAX_VALUE)) {
                pending.add(e.seq());
            }
            assertThat(store.statistics().undecodableEntries()).isZero();
            assertThat(pending).as("confirmed delivery marks after kill %d", kill).doesNotContainAnyElementsOf(deliveredSeqs);

            Map<Long, Reading> found = new HashMap<>();
            long total = 0;
            long slots = attempted / 1000 + 2;
            for (int point = 1; point <= 500; point++) {
                List<Reading> rs = store.readings(point, ReadingKind.CURVE, Fixtures.T0, Fixtures.T0 + slots * Fixtures.QUARTER_HOUR);
                total += rs.size();
                for (Reading r : rs) {
                    long index = indexOf(r);
                    assertThat(r).as("reading %d after kill %d", index, kill).isEqualTo(Fixtures.numbered(index));
                    found.put(index, r);
                }
            }
            assertThat(found).as("distinct readings after kill %d", kill).hasSize((int) total);
            assertThat(total).as("entries = distinct readings: no duplicates after kill %d", kill)
                    .isEqualTo(store.undeliveredCount() + store.deliveredCount());
            List<Long> missing = new ArrayList<>();
            for (long i = 0; i <= confirmed; i++) {
                if (!found.containsKey(i)) {
                    missing.add(i);
                }
            }
            assertThat(missing).as("confirmed readings missing after kill %d", kill).isEmpty();
            assertThat(found.keySet()).as("readings beyond the last one attempted (%d, confirmed %d) after kill %d", attempted, confirmed, kill).allMatch(i -> i <= attempted);
        }
    }

    private static long indexOf(Reading r) {
        long slot = (r.dataTime() - Fixtures.T0) / Fixtures.QUARTER_HOUR;
        long q = r.quantity() == Quantity.ENERGY_FORWARD_ACTIVE_TOTAL ? 0 : 1;
        return slot * 1000 + q * 500 + (r.point() - 1);
    }

    private static Thread pump(Process child, BlockingQueue<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the child was killed
            }
        }, "kill-test-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
