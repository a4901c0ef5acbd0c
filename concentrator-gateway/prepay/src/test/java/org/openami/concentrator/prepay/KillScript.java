package org.openami.concentrator.prepay;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

/**
 * A fixed script of what a concentrator's prepayment engine goes through: the archive, opening
 * balances, hourly register blocks of a dozen meters over three weeks (with daily freezes,
 * re-sent old readings and a register reset), top-ups (some refused by the hoarding limit) and
 * ticks. Deterministic for a seed. Applying it again from the start to an engine that has
 * already seen part of it changes nothing that was done: that is what {@link KillNineTest}
 * relies on, as a concentrator re-reads meters and the cloud redelivers top-ups after a restart.
 */
final class KillScript {

    static final long START = Fx.at(2025, 3, 1, 0, 0);
    static final int ACCOUNTS = 12;
    static final int HOURS = 24 * 21;

    sealed interface Op permits SetAccounts, Open, Readings, TopUp, Tick {
        long time();
    }

    record SetAccounts(long time, List<AccountSpec> specs) implements Op {
    }

    record Open(long time, String account, long fen, String id) implements Op {
    }

    record Readings(long time, AccountSpec spec, List<Reading> readings) implements Op {
    }

    record TopUp(long time, String id, String account, long fen) implements Op {
    }

    record Tick(long time) implements Op {
    }

    private KillScript() {
    }

    static TariffBook book() {
        return TariffBook.of(List.of(
                TariffTable.flat("FLAT", 1, 0, 4883, 2),
                TariffTable.flat("FLAT", 2, START + 10 * 24 * Fx.HOUR, 5210, 2),
                TariffTable.timeOfUse("TOU", 1, 0, new long[] {13050, 9800, 6080, 3125}, 2),
                TariffTable.tiered("TIER", 1, 0, TariffTable.Period.MONTHLY, new long[] {50_000, 100_000},
                        new long[] {4883, 5383, 7883}, 2)));
    }

    static PrepayPolicy policy() {
        return new PrepayPolicy(2000, 800, 500, TripAt.OVERDRAFT, 30_000, ReconnectMode.CLOSE_ALLOWED, 0,
                ProtectedWindows.none(Fx.SHANGHAI));
    }

    static List<Op> build(long seed) {
        Random rnd = new Random(seed);
        List<Op> ops = new ArrayList<>();
        List<AccountSpec> specs = new ArrayList<>();
        String[] tariffs = {"FLAT", "TOU", "TIER"};
        for (int i = 0; i < ACCOUNTS; i++) {
            specs.add(new AccountSpec("ACC-" + i, i + 1, "MTR-" + i, tariffs[i % 3], i == 5));
        }
        ops.add(new SetAccounts(START, List.copyOf(specs)));
        for (int i = 0; i < ACCOUNTS; i++) {
            ops.add(new Open(START + 1 + i, "ACC-" + i, 1_000 + rnd.nextInt(8_000), "open-" + i));
        }
        long[][] regs = new long[ACCOUNTS][4];
        for (long[] r : regs) {
            for (int k = 0; k < 4; k++) {
                r[k] = rnd.nextInt(5_000_000);
            }
        }
        Map<Integer, List<List<Reading>>> sent = new HashMap<>();
        int topUps = 0;
        for (int h = 1; h <= HOURS; h++) {
            long hour = START + h * Fx.HOUR;
            for (int i = 0; i < ACCOUNTS; i++) {
                AccountSpec s = specs.get(i);
                for (int k = 0; k < 4; k++) {
                    regs[i][k] += rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(700);
                }
                if (i == 7 && h == HOURS / 2) {
                    regs[i] = new long[] {10, 20, 30, 40}; // the meter's registers were cleared
                }
                List<Reading> block = new ArrayList<>(Fx.block(s.meter(), ReadingKind.REALTIME, hour + 60_000L * i,
                        regs[i][0], regs[i][1], regs[i][2], regs[i][3]));
                List<List<Reading>> history = sent.computeIfAbsent(i, x -> new ArrayList<>());
                if (!history.isEmpty() && rnd.nextInt(5) == 0) {
                    block.addAll(history.get(rnd.nextInt(history.size()))); // an old block re-sent
                }
                if (h % 24 == 0) {
                    // yesterday's daily freeze: the registers at midnight are those of this block's hour
                    long yesterday = hour - 24 * Fx.HOUR;
                    block.addAll(Fx.block(s.meter(), ReadingKind.DAILY_FREEZE, yesterday, regs[i][0], regs[i][1],
                            regs[i][2], regs[i][3]));
                }
                history.add(block);
                if (history.size() > 48) {
                    history.remove(0);
                }
                ops.add(new Readings(hour + 60_000L * i + 1_000, s, List.copyOf(block)));
                if (rnd.nextInt(30) == 0) {
                    ops.add(new TopUp(hour + 60_000L * i + 2_000, "TU-" + (topUps++), s.account(), 1_000 + rnd.nextInt(20_000)));
                }
            }
            if (h % 6 == 0) {
                ops.add(new Tick(hour + 59 * 60_000L));
            }
        }
        return ops;
    }

    /** Applies one step at its time; returns what the engine returned (for the record only). */
    static Object apply(PrepayEngine e, TestClock clock, Op op) {
        clock.set(op.time());
        if (op instanceof SetAccounts s) {
            return e.setAccounts(s.specs());
        } else if (op instanceof Open o) {
            return e.openAccount(o.account(), o.fen(), o.id());
        } else if (op instanceof Readings r) {
            return e.onReadings(r.spec(), r.readings());
        } else if (op instanceof TopUp t) {
            return e.topUp(t.id(), t.account(), t.fen());
        }
        return e.tick();
    }

    /** A digest of every account's full state. */
    static String fingerprint(PrepayEngine e) {
        List<AccountState> all = new ArrayList<>(e.accounts());
        all.sort(Comparator.comparing(AccountState::account));
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (AccountState s : all) {
                md.update(Codec.encode(s).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException x) {
            throw new IllegalStateException(x);
        }
    }
}
