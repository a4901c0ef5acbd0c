package org.openami.concentrator.prepay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real engine process with SIGKILL ({@link ProcessHandle#destroyForcibly()}) at random
 * moments, {@value #KILLS} times, while it applies {@link KillScript}; every restart applies the
 * script again from its first step, as a concentrator re-reads its meters and the cloud
 * redelivers top-ups. After each kill the file must hold exactly the state of an uninterrupted
 * run after the last step the child confirmed, or after the one it was in when killed: the same
 * ledger entries (a prefix of the reference ledger, nothing lost, nothing twice) and the same
 * accounts. At the end, after a last run to completion, balances, entries and top-up results
 * equal the uninterrupted run's exactly.
 */
class KillNineTest {

    private static final int KILLS = 30;
    private static final String END = " .";

    @TempDir
    Path dir;

    @Test
    void sigkillAtAnyPointNeitherLosesNorDuplicates() throws Exception {
        List<KillScript.Op> ops = KillScript.build(KillNineChild.SEED);

        // the uninterrupted run, with the state after every step
        Path refFile = dir.resolve("reference.mv.db");
        long[] seqAfter = new long[ops.size()];
        String[] stateAfter = new String[ops.size()];
        List<LedgerEntry> refEntries = new ArrayList<>();
        List<AccountState> refAccounts;
        List<TopUpResult> refTopUps = new ArrayList<>();
        TestClock refClock = new TestClock(KillScript.START);
        try (PrepayEngine ref = PrepayEngine.open(refFile, KillScript.book(), KillScript.policy(), refClock, false)) {
            for (int i = 0; i < ops.size(); i++) {
                KillScript.apply(ref, refClock, ops.get(i));
                seqAfter[i] = ref.lastSeq();
                stateAfter[i] = KillScript.fingerprint(ref);
            }
            refEntries.addAll(all(ref));
            refAccounts = sorted(ref.accounts());
            for (KillScript.Op op : ops) {
                if (op instanceof KillScript.TopUp t) {
                    refTopUps.add(ref.topUp(t.id(), t.account(), t.fen()));
                }
            }
        }
        assertThat(refEntries).hasSize((int) seqAfter[ops.size() - 1]);
        assertThat(refEntries).as("the script books plenty").hasSizeGreaterThan(5_000);

        Path file = dir.resolve("killed.mv.db");
        Random rnd = new Random(99);
        int progress = -1; // highest step any child confirmed
        int killedMidScript = 0;
        int unconfirmedKept = 0; // kills that fell after a step's commit and before its confirmation
        for (int kill = 0; kill < KILLS; kill++) {
            Run run = start(file, kill);
            boolean done = false;
            try {
                // let the child re-apply what is already done, then kill it a moment into new work
                int frontier = progress;
                long catchUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                int seen = -1;
                while (!done && seen < frontier && System.nanoTime() < catchUp) {
                    String line = run.lines.poll(1, TimeUnit.SECONDS);
                    if (line != null) {
                        seen = Math.max(seen, step(line));
                        progress = Math.max(progress, seen);
                        done |= line.equals("DONE" + END);
                    }
                }
                long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5 + rnd.nextInt(175));
                long remaining;
                while (!done && (remaining = killAt - System.nanoTime()) > 0) {
                    String line = run.lines.poll(remaining, TimeUnit.NANOSECONDS);
                    if (line != null) {
                        progress = Math.max(progress, step(line));
                        done |= line.equals("DONE" + END);
                    }
                }
            } finally {
                run.child.toHandle().destroyForcibly();
                run.child.waitFor(30, TimeUnit.SECONDS);
                run.pump.join(10_000);
            }
            for (String line; (line = run.lines.poll()) != null; ) {
                progress = Math.max(progress, step(line));
                done |= line.equals("DONE" + END);
            }
            if (!done) {
                killedMidScript++;
            }
            if (verifyPrefix(file, ops.size(), progress, seqAfter, stateAfter, refEntries, kill)) {
                unconfirmedKept++;
            }
        }

        // a last run to the end
        Run last = start(file, KILLS);
        boolean done = false;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!done && System.nanoTime() < deadline) {
            String line = last.lines.poll(1, TimeUnit.SECONDS);
            done = line != null && line.equals("DONE" + END);
        }
        last.child.waitFor(30, TimeUnit.SECONDS);
        assertThat(done).as("the last run finished: " + Files.readString(dir.resolve("child-" + KILLS + ".err"))).isTrue();

        TestClock clock = new TestClock(KillScript.START);
        try (PrepayEngine e = PrepayEngine.open(file, KillScript.book(), KillScript.policy(), clock, false)) {
            assertThat(sorted(e.accounts())).isEqualTo(refAccounts);
            assertThat(all(e)).isEqualTo(refEntries);
            List<TopUpResult> topUps = new ArrayList<>();
            for (KillScript.Op op : ops) {
                if (op instanceof KillScript.TopUp t) {
                    topUps.add(e.topUp(t.id(), t.account(), t.fen()));
                }
            }
            assertThat(topUps).isEqualTo(refTopUps);
            assertThat(topUps).anyMatch(TopUpResult::applied).anyMatch(r -> !r.applied());
        }
        System.out.printf("prepay kill -9 test: %d kills (%d during the script, %d after a commit not yet confirmed),"
                + " %d steps, %d ledger entries, %d top-ups%n",
                KILLS, killedMidScript, unconfirmedKept, ops.size(), refEntries.size(), refTopUps.size());
        assertThat(killedMidScript).as("kills landed while the child was working").isGreaterThan(0);
    }

    private record Run(Process child, BlockingQueue<String> lines, Thread pump) {
    }

    private Run start(Path file, int n) throws Exception {
        Path err = dir.resolve("child-" + n + ".err");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", "-cp", System.getProperty("java.class.path"), KillNineChild.class.getName(), file.toString())
                .redirectError(err.toFile())
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread pump = pump(child, lines);
        String first = lines.poll(60, TimeUnit.SECONDS);
        if (!("OPEN" + END).equals(first)) {
            child.toHandle().destroyForcibly();
            fail("child did not open the engine (got " + first + "): " + Files.readString(err));
        }
        return new Run(child, lines, pump);
    }

    /** The step a confirmation line names, or -1. */
    private static int step(String line) {
        if (line.endsWith(END) && line.startsWith("S ")) {
            return Integer.parseInt(line.substring(2, line.length() - END.length()));
        }
        return -1;
    }

    /** Checks the file after a kill; returns whether it holds a step the child had not confirmed. */
    private static boolean verifyPrefix(Path file, int steps, int progress, long[] seqAfter, String[] stateAfter,
                                     List<LedgerEntry> refEntries, int kill) {
        TestClock clock = new TestClock(KillScript.START);
        try (PrepayEngine e = PrepayEngine.open(file, KillScript.book(), KillScript.policy(), clock, false)) {
            long seq = e.lastSeq();
            List<LedgerEntry> entries = all(e);
            assertThat(entries).as("entries after kill %d", kill).hasSize((int) seq);
            assertThat(entries).as("a prefix of the reference ledger after kill %d", kill)
                    .isEqualTo(refEntries.subList(0, (int) seq));
            String state = KillScript.fingerprint(e);
            // the file is the reference after the last confirmed step, or after the next one (killed after its commit)
            boolean atConfirmed = progress < 0 ? seq == 0 : seq == seqAfter[progress] && state.equals(stateAfter[progress]);
            int next = progress + 1;
            boolean atNext = next < steps && seq == seqAfter[next] && state.equals(stateAfter[next]);
            assertThat(atConfirmed || atNext).as("after kill %d (confirmed step %d): ledger at %d, reference %d..%d",
                    kill, progress, seq, progress < 0 ? 0 : seqAfter[progress], next < steps ? seqAfter[next] : -1).isTrue();
            return !atConfirmed;
        }
    }

    private static List<LedgerEntry> all(PrepayEngine e) {
        List<LedgerEntry> out = new ArrayList<>();
        long after = 0;
        for (List<LedgerEntry> page; !(page = e.entriesAfter(after, PrepayEngine.MAX_BATCH)).isEmpty(); ) {
            out.addAll(page);
            after = page.get(page.size() - 1).seq();
        }
        return out;
    }

    private static List<AccountState> sorted(List<AccountState> accounts) {
        List<AccountState> s = new ArrayList<>(accounts);
        s.sort(java.util.Comparator.comparing(AccountState::account));
        return s;
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
