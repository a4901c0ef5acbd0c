package org.openami.concentrator.prepay.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;
import org.openami.concentrator.prepay.AccountSpec;
import org.openami.concentrator.prepay.Action;
import org.openami.concentrator.prepay.Decision;
import org.openami.concentrator.prepay.PrepayEngine;
import org.openami.concentrator.prepay.PrepayPolicy;
import org.openami.concentrator.prepay.ProtectedWindows;
import org.openami.concentrator.prepay.ReconnectMode;
import org.openami.concentrator.prepay.TariffBook;
import org.openami.concentrator.prepay.TariffTable;
import org.openami.concentrator.prepay.TestClock;
import org.openami.concentrator.prepay.TripAt;

/**
 * Times the prepayment engine on a concentrator's worth of accounts ({@code --accounts},
 * default 2,040): {@code onReadings} with one meter's total and T1..T4 block and the decisions
 * it returns, the cut-off path (a reading that takes an account to the trip level, up to the
 * returned TRIP), top-ups, a redelivered top-up, {@code tick()} and {@code pending()} over all
 * accounts. Prints the median, 99th percentile and maximum in microseconds, with every commit
 * forced to the device ({@code --sync}, the engine's default) or not ({@code --no-sync}; both
 * by default). {@code --calls} (default 3,000) per measurement, after as many warm-up calls.
 * A benchmark, not a test: it asserts nothing and its figures depend on the machine and disk.
 */
public final class PrepayBench {

    private static final long T0 = 1_735_660_800_000L; // 2025-01-01T00:00+08:00
    private static final long HOUR = 3_600_000L;

    private PrepayBench() {
    }

    public static void main(String[] args) throws Exception {
        int accounts = 2040;
        int calls = 3000;
        List<Boolean> modes = List.of(true, false);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--accounts" -> accounts = Integer.parseInt(args[++i]);
                case "--calls" -> calls = Integer.parseInt(args[++i]);
                case "--sync" -> modes = List.of(true);
                case "--no-sync" -> modes = List.of(false);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf(Locale.ROOT, "prepay bench: %d accounts, %d calls per figure, Java %s, %d processors%n",
                accounts, calls, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        for (boolean sync : modes) {
            run(accounts, calls, sync);
        }
    }

    private static void run(int accounts, int calls, boolean sync) throws Exception {
        Path dir = Files.createTempDirectory("prepay-bench");
        Path file = dir.resolve("bench.mv.db");
        TestClock clock = new TestClock(T0);
        TariffBook book = TariffBook.of(List.of(TariffTable.flat("FLAT", 1, 0, 4883, 2),
                TariffTable.timeOfUse("TOU", 1, 0, new long[] {13050, 9800, 6080, 3125}, 2),
                TariffTable.tiered("TIER", 1, 0, TariffTable.Period.MONTHLY, new long[] {230_000, 400_000},
                        new long[] {4883, 5383, 7883}, 2)));
        PrepayPolicy policy = new PrepayPolicy(2000, 500, 0, TripAt.ZERO, PrepayPolicy.NO_HOARDING_LIMIT,
                ReconnectMode.CLOSE_ALLOWED, 0, ProtectedWindows.none(java.time.ZoneId.of("Asia/Shanghai")));
        String[] tariffs = {"FLAT", "TOU", "TIER"};
        List<AccountSpec> specs = new ArrayList<>(accounts);
        for (int i = 0; i < accounts; i++) {
            specs.add(new AccountSpec("ACC-" + i, i + 1, String.format(Locale.ROOT, "%012d", i), tariffs[i % 3], false));
        }
        Random rnd = new Random(1);
        long[] register = new long[accounts];
        try (PrepayEngine e = PrepayEngine.open(file, book, policy, clock, sync)) {
            long setupStart = System.nanoTime();
            for (int i = 0; i < accounts; i++) {
                e.openAccount("ACC-" + i, 10_000_000, "open-" + i);
            }
            e.setAccounts(specs);
            for (int i = 0; i < accounts; i++) {
                e.onReadings(specs.get(i), block(specs.get(i).meter(), T0, register[i]));
            }
            System.out.printf(Locale.ROOT, "%n%s: setup of %d accounts (opening, archive, baselines) %.1f s%n",
                    sync ? "sync on commit" : "no sync", accounts, (System.nanoTime() - setupStart) / 1e9);

            long hour = 0;
            long[] readings = new long[calls];
            for (int round = 0; round < 2; round++) {
                for (int c = 0; c < calls; c++) {
                    int i = rnd.nextInt(accounts);
                    register[i] += 100 + rnd.nextInt(2000);
                    hour++;
                    clock.set(T0 + hour * 1000);
                    List<Reading> b = block(specs.get(i).meter(), T0 + hour * 1000, register[i]);
                    long t = System.nanoTime();
                    e.onReadings(specs.get(i), b);
                    readings[c] = System.nanoTime() - t;
                }
            }
            print("onReadings (5 registers, charge, decisions)", readings);

            // the cut-off path: a reading that takes the account to the trip level
            long[] cutoff = new long[Math.min(calls, accounts)];
            int trips = 0;
            for (int c = 0; c < cutoff.length; c++) {
                AccountSpec s = specs.get(c);
                long balance = e.account(s.account()).balanceFen();
                // enough Wh at 48.83..130.5 fen/kWh to go well below zero
                register[c] += (balance + 1000) * 1000 / 30;
                hour++;
                clock.set(T0 + hour * 1000);
                List<Reading> b = block(s.meter(), T0 + hour * 1000, register[c]);
                long t = System.nanoTime();
                List<Decision> d = e.onReadings(s, b);
                cutoff[c] = System.nanoTime() - t;
                if (d.stream().anyMatch(x -> x.action() == Action.TRIP)) {
                    trips++;
                }
            }
            print("cut-off: onReadings to TRIP decision (" + trips + " trips)", cutoff);

            long[] topUps = new long[calls];
            for (int round = 0; round < 2; round++) {
                for (int c = 0; c < calls; c++) {
                    long t = System.nanoTime();
                    e.topUp("pay-" + round + "-" + c, "ACC-" + rnd.nextInt(accounts), 100 + rnd.nextInt(10_000));
                    topUps[c] = System.nanoTime() - t;
                }
            }
            print("topUp (booked, decisions)", topUps);
            long[] again = new long[calls];
            for (int c = 0; c < calls; c++) {
                long t = System.nanoTime();
                e.topUp("pay-1-" + c, "ACC-0", 1);
                again[c] = System.nanoTime() - t;
            }
            print("topUp redelivered (stored result)", again);

            long[] ticks = new long[50];
            for (int c = 0; c < ticks.length; c++) {
                long t = System.nanoTime();
                e.tick();
                ticks[c] = System.nanoTime() - t;
            }
            print("tick over all accounts (nothing due)", ticks);
            long[] pend = new long[50];
            for (int c = 0; c < pend.length; c++) {
                long t = System.nanoTime();
                e.pending();
                pend[c] = System.nanoTime() - t;
            }
            print("pending over all accounts", pend);
            System.out.printf(Locale.ROOT, "file: %.1f MiB, %d ledger entries%n", e.fileBytes() / 1048576.0, e.lastSeq());
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<Reading> block(String meter, long time, long total) {
        long q = total / 4;
        List<Reading> out = new ArrayList<>(5);
        out.add(new Reading(1, meter, ReadingKind.REALTIME, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, time, 4 * q, time));
        out.add(new Reading(1, meter, ReadingKind.REALTIME, Quantity.ENERGY_FORWARD_ACTIVE_T1, time, q, time));
        out.add(new Reading(1, meter, ReadingKind.REALTIME, Quantity.ENERGY_FORWARD_ACTIVE_T2, time, q, time));
        out.add(new Reading(1, meter, ReadingKind.REALTIME, Quantity.ENERGY_FORWARD_ACTIVE_T3, time, q, time));
        out.add(new Reading(1, meter, ReadingKind.REALTIME, Quantity.ENERGY_FORWARD_ACTIVE_T4, time, q, time));
        return out;
    }

    private static void print(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "  %-48s median %8.1f us   p99 %8.1f us   max %8.1f us%n", what,
                s[s.length / 2] / 1e3, s[(int) (s.length * 0.99)] / 1e3, s[s.length - 1] / 1e3);
    }
}
