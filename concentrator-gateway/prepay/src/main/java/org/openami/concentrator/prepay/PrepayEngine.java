package org.openami.concentrator.prepay;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.prepay.PrepayException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The concentrator's prepayment engine: a ledger of prepaid accounts in integer fen, charged
 * from meter register readings at versioned tariffs, and the alarm, trip and reconnect
 * {@link Decision}s the balances call for under a {@link PrepayPolicy}. It never talks to a
 * meter: callers carry out the decisions and report what the relays did.
 *
 * <h2>Consumption</h2>
 * {@link #onReadings} takes readings of any kind; only forward active energy (total and
 * T1..T4, Wh) is used. Each reading's value belongs to a <em>register instant</em>: its data
 * time for REALTIME and CURVE readings, the midnight that ends the day for a DAILY_FREEZE (data
 * time 00:00 of the day it closes), 00:00 on the 1st of the next month for a MONTHLY_FREEZE
 * (the DL/T 645 default settlement day), in the policy's zone. Per meter and register, in order
 * of register instant:
 * <ul>
 *   <li>the first reading is the baseline (a {@link LedgerEntry.Kind#BASELINE} entry);</li>
 *   <li>a reading at or before the baseline's instant (duplicate, re-read, older, out of order)
 *       is ignored: nothing is ever charged twice;</li>
 *   <li>a later reading with a value at least the baseline's is consumption of the difference
 *       (missed readings in between are covered once by it) and becomes the baseline;</li>
 *   <li>a later reading lower by more than {@link PrepayPolicy#resetThresholdWh()} is a
 *       register reset or rollover: it becomes the new baseline, nothing is charged for it
 *       (a BASELINE entry says so), and consumption is charged from it on;</li>
 *   <li>a lower reading within that threshold is a reading out of step (meter and concentrator
 *       clocks a little apart, a freeze read a little late) and is ignored.</li>
 * </ul>
 * Baselines belong to a meter address. When the archive gives the account a new meter
 * (replacement), the new meter starts with its own baseline and nothing is charged across
 * meters; late readings of the previous meter (up to two previous meters are remembered) still
 * charge that meter's own consumption. Readings of meters the account does not know are skipped.
 *
 * <h2>Charging</h2>
 * The consumption of one meter at one register instant {@code t} is charged at the version of
 * the account's tariff in effect at {@code t − 1 ms} (the interval ends at {@code t}, so an
 * interval ending exactly when a new version starts is still charged at the old one) and, for
 * tiered tariffs, in the month or year that contains {@code t − 1 ms}. Flat and tiered tariffs
 * charge the total register, time-of-use tariffs the meter's T1..T4 registers (a meter that
 * reports no tariff registers is not charged under a time-of-use tariff). Switching an account
 * between time-of-use and flat/tiered charges correctly when the total and tariff registers are
 * read together (DL/T 645 reads them as one block, in freezes and in real time). Charges are
 * exact: {@code Wh × price} in 10<sup>−7</sup> fen, whole fen booked, the rest carried in
 * {@link AccountState#remainder()} to the account's next charge, so the sum of the fen charged
 * plus the final remainder equals the exact price of all consumption. A charge that needs a
 * tariff version the {@link TariffBook} does not have fails the whole call with
 * {@link Reason#NO_TARIFF} and changes nothing (the consumption is charged once the tariff is
 * there).
 *
 * <h2>Decisions</h2>
 * See {@link PrepayPolicy}: alarms at alarm amounts 1 and 2, trip at the trip level (never for
 * keep-power accounts; withheld in {@link ProtectedWindows} and carried out by {@link #tick()}
 * when the window ends, if still warranted; {@link AccountState#tripDeferredUntil()} shows a
 * withheld trip), reconnect when a tripped account's balance rises above the reconnect level
 * (keep-power accounts: at once, by direct close). The engine keeps the relay state it wants and
 * the one the meter last reported ({@link #relayObserved}); {@link #pending()} lists what is
 * still to be done, so after a crash or a failed command the caller just asks again. A new
 * account starts at balance 0, which is at or below the trip level with {@link TripAt#ZERO}:
 * book opening balances ({@link #openAccount}) before or with adding accounts to the archive.
 *
 * <h2>Exactly once</h2>
 * Top-ups are booked once per top-up id, opening balances and adjustments once per entry id: the
 * first result is stored with the booking and returned unchanged for the same id (a refusal too,
 * except for an unknown account, which is not recorded so that the id may be delivered again
 * once the archive knows the account).
 *
 * <h2>Durability</h2>
 * Every call that changes anything writes all its changes (ledger entries, balance, remainder,
 * register baselines, tier use, relay states, the stored result for the id) as one MVStore commit
 * before it returns: a process killed at any point (kill -9) finds either all or none of them,
 * so a reading or a top-up delivered again after a restart is neither lost nor charged twice.
 * With {@code syncOnCommit} (the default) each commit is also forced to the device (power loss).
 * If the file fails, the call throws {@link PrepayException} and nothing of it is kept.
 *
 * <h2>Threads</h2>
 * Thread-safe; calls are serialised by one lock. Each call is bounded: at most
 * {@value #MAX_READINGS} readings per {@link #onReadings} call, {@value #MAX_ACCOUNTS} accounts,
 * {@value #MAX_BATCH} ledger entries per {@link #entriesAfter} call.
 */
public final class PrepayEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PrepayEngine.class);

    /** Most readings in one {@link #onReadings} call. */
    public static final int MAX_READINGS = 20_000;
    /** Most accounts. */
    public static final int MAX_ACCOUNTS = 100_000;
    /** Most entries one {@link #entriesAfter} call returns. */
    public static final int MAX_BATCH = 10_000;
    /** Longest top-up or entry id. */
    public static final int MAX_ID_LENGTH = 128;
    /** Longest adjustment note kept. */
    static final int MAX_NOTE_LENGTH = 500;

    private static final String TOP_UP_KEY = "T:";
    private static final String ENTRY_KEY = "E:";

    private final ReentrantLock lock = new ReentrantLock();
    private final LedgerFile file;
    private final Clock clock;
    private final Map<String, AccountState> accounts;
    private volatile TariffBook tariffs;
    private volatile PrepayPolicy policy;
    private long lastSeq;
    private boolean closed;

    private PrepayEngine(LedgerFile file, TariffBook tariffs, PrepayPolicy policy, Clock clock,
                         Map<String, AccountState> accounts, long lastSeq) {
        this.file = file;
        this.tariffs = tariffs;
        this.policy = policy;
        this.clock = clock;
        this.accounts = new HashMap<>(accounts);
        this.lastSeq = lastSeq;
    }

    /** Opens (or creates) the engine's file, forcing every commit to the device. */
    public static PrepayEngine open(Path file, TariffBook tariffs, PrepayPolicy policy, Clock clock) {
        return open(file, tariffs, policy, clock, true);
    }

    /**
     * Opens (or creates) the engine's file.
     *
     * @param syncOnCommit force every commit to the device (survives power loss); without it a
     *                     commit survives the process being killed but not a power loss
     * @throws PrepayException {@link Reason#CORRUPT}, {@link Reason#FOREIGN}, {@link Reason#LOCKED},
     *                         {@link Reason#UNSUPPORTED_VERSION} or {@link Reason#IO}
     */
    public static PrepayEngine open(Path file, TariffBook tariffs, PrepayPolicy policy, Clock clock, boolean syncOnCommit) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(tariffs, "tariffs");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(clock, "clock");
        LedgerFile f = LedgerFile.open(file, syncOnCommit, clock.millis());
        try {
            Map<String, AccountState> accounts = f.loadAccounts();
            long last = f.lastSeq();
            List<LedgerEntry> tail = f.entriesAfter(last, 1);
            if (!tail.isEmpty()) {
                throw new PrepayException(Reason.CORRUPT, file + ": ledger entry " + tail.get(0).seq()
                        + " lies beyond the recorded last sequence number " + last);
            }
            LOG.info("prepayment ledger {} open: {} accounts, last entry {}", file, accounts.size(), last);
            return new PrepayEngine(f, tariffs, policy, clock, accounts, last);
        } catch (RuntimeException e) {
            try {
                f.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    // ------------------------------------------------------------------ configuration

    /** Replaces the tariffs; applies to charges from the next call on. */
    public void updateTariffs(TariffBook book) {
        this.tariffs = Objects.requireNonNull(book, "book");
    }

    /** Replaces the policy; {@link #tick()} applies it to every account. */
    public void updatePolicy(PrepayPolicy p) {
        this.policy = Objects.requireNonNull(p, "policy");
    }

    public TariffBook tariffs() {
        return tariffs;
    }

    public PrepayPolicy policy() {
        return policy;
    }

    // ------------------------------------------------------------------ archive

    /**
     * Makes the archive's accounts the engine's: new accounts start at balance 0 (or the
     * opening balance booked for them before), changed meters, tariffs and keep-power flags
     * apply from now, and accounts no longer listed keep their ledger but get no decisions.
     * Returns the decisions the changes call for (e.g. a keep-power account that was tripped
     * is reconnected).
     *
     * @throws PrepayException {@link Reason#INVALID} if an account is listed twice (one meter per account)
     */
    public List<Decision> setAccounts(Collection<AccountSpec> specs) {
        Objects.requireNonNull(specs, "specs");
        Map<String, AccountSpec> byAccount = new LinkedHashMap<>();
        for (AccountSpec s : specs) {
            Objects.requireNonNull(s, "an account spec is null");
            AccountSpec before = byAccount.putIfAbsent(s.account(), s);
            if (before != null) {
                throw new PrepayException(Reason.INVALID, "account " + s.account() + " is given for points "
                        + before.point() + " and " + s.point() + "; one meter per account");
            }
        }
        lock.lock();
        try {
            ensureOpen();
            long now = clock.millis();
            PrepayPolicy p = policy;
            long added = byAccount.keySet().stream().filter(a -> !accounts.containsKey(a)).count();
            if (accounts.size() + added > MAX_ACCOUNTS) {
                throw new PrepayException(Reason.INVALID, (accounts.size() + added) + " accounts; at most " + MAX_ACCOUNTS);
            }
            Txn t = new Txn(now);
            List<Decision> out = new ArrayList<>();
            for (AccountState s : accounts.values()) {
                if (s.spec() != null && !byAccount.containsKey(s.account())) {
                    AccountDraft d = AccountDraft.of(s);
                    d.spec = null;
                    Rules.evaluate(d, p, now, out);
                    t.put(d);
                }
            }
            for (AccountSpec spec : byAccount.values()) {
                AccountState s = accounts.get(spec.account());
                AccountDraft d = s == null ? AccountDraft.fresh(spec.account(), spec) : AccountDraft.of(s);
                d.spec = spec;
                Rules.evaluate(d, p, now, out);
                t.put(d);
            }
            commit(t);
            return out;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ consumption

    /**
     * Charges the consumption these readings show (rules in the class comment) and returns the
     * decisions the new balance calls for. {@code spec} is what the archive says now (it
     * replaces what the engine had; an unknown account is created at balance 0). Readings may
     * be of any kind, in any order, repeated, and from earlier calls.
     *
     * @throws PrepayException {@link Reason#NO_TARIFF} if consumption must be charged and the
     *                         tariff has no version in effect (nothing is changed), {@link Reason#INVALID}
     *                         for more than {@value #MAX_READINGS} readings
     */
    public List<Decision> onReadings(AccountSpec spec, List<Reading> readings) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(readings, "readings");
        if (readings.size() > MAX_READINGS) {
            throw new PrepayException(Reason.INVALID, readings.size() + " readings in one call; at most " + MAX_READINGS);
        }
        lock.lock();
        try {
            ensureOpen();
            long now = clock.millis();
            PrepayPolicy p = policy;
            TariffBook book = tariffs;
            AccountState old = accounts.get(spec.account());
            if (old == null && accounts.size() >= MAX_ACCOUNTS) {
                throw new PrepayException(Reason.INVALID, "already " + MAX_ACCOUNTS + " accounts");
            }
            AccountDraft d = old == null ? AccountDraft.fresh(spec.account(), spec) : AccountDraft.of(old);
            d.spec = spec;
            Txn t = new Txn(now);
            Consumption.Result r = Consumption.apply(d, spec.meter(), readings, p.zone(), p.resetThresholdWh());
            for (Consumption.Step s : r.steps()) {
                if (!s.baselines().isEmpty()) {
                    t.book(new LedgerEntry(0, LedgerEntry.Kind.BASELINE, d.account, now, null, 0, d.balance, d.remainder,
                            s.meter(), null, 0, List.of(), "new baseline at " + Instant.ofEpochMilli(s.time()) + ": "
                            + String.join("; ", s.baselines())));
                }
                if (!s.deltas().isEmpty()) {
                    charge(d, s, book, p, now, t);
                }
            }
            d.trimMeters();
            List<Decision> out = new ArrayList<>();
            Rules.evaluate(d, p, now, out);
            t.put(d);
            commit(t);
            if (r.foreignMeter() > 0 || r.invalid() > 0) {
                LOG.warn("account {} (meter {}): skipped {} readings of meters the account never had and {} with register"
                        + " values out of range", spec.account(), spec.meter(), r.foreignMeter(), r.invalid());
            }
            log(out);
            return out;
        } finally {
            lock.unlock();
        }
    }

    private void charge(AccountDraft d, Consumption.Step s, TariffBook book, PrepayPolicy p, long now, Txn t) {
        long at = s.time() - 1;
        String tariffId = d.spec.tariffId();
        TariffTable table = book.find(tariffId, at).orElseThrow(() -> new PrepayException(Reason.NO_TARIFF,
                "account " + d.account + ": consumption up to " + Instant.ofEpochMilli(s.time()) + " needs tariff "
                        + tariffId + (book.versions(tariffId).isEmpty() ? ", which is unknown"
                        : ", which has no version in effect then")));
        Charging.Charge c = Charging.charge(table, s.deltas(), d.remainder, d.tierPeriod, d.tierUsedWh, at, p.zone());
        if (c == null) {
            return; // only registers this tariff does not price moved
        }
        try {
            d.balance = Math.subtractExact(d.balance, c.fen());
        } catch (ArithmeticException e) {
            throw new PrepayException(Reason.INVALID, "account " + d.account + ": balance out of range", e);
        }
        d.remainder = c.remainder();
        d.tierPeriod = c.tierPeriod();
        d.tierUsedWh = c.tierUsedWh();
        t.book(new LedgerEntry(0, LedgerEntry.Kind.CHARGE, d.account, now, null, -c.fen(), d.balance, d.remainder,
                s.meter(), table.id(), table.version(), c.charged(), c.note()));
    }

    // ------------------------------------------------------------------ money

    /**
     * Books a top-up exactly once per {@code topUpId}: a redelivered id returns the first result
     * unchanged and changes nothing. Refused (with the reason, nothing booked, the refusal
     * stored for the id) if the amount is not 1..{@value PrepayPolicy#MAX_AMOUNT_FEN} fen or the
     * balance would exceed the hoarding limit. An unknown account is refused without recording
     * the id.
     */
    public TopUpResult topUp(String topUpId, String account, long amountFen) {
        checkId(topUpId, "topUpId");
        Objects.requireNonNull(account, "account");
        lock.lock();
        try {
            ensureOpen();
            String key = TOP_UP_KEY + topUpId;
            TopUpResult earlier = storedResult(key);
            if (earlier != null) {
                return earlier;
            }
            AccountState old = accounts.get(account);
            if (old == null) {
                return new TopUpResult(false, "unknown account " + clip(account)
                        + " (not recorded: the same top-up id may be delivered again once the account exists)", 0, List.of());
            }
            long now = clock.millis();
            PrepayPolicy p = policy;
            Txn t = new Txn(now);
            TopUpResult res;
            if (amountFen < 1 || amountFen > PrepayPolicy.MAX_AMOUNT_FEN) {
                res = new TopUpResult(false, "amount " + amountFen + " fen is not 1.." + PrepayPolicy.MAX_AMOUNT_FEN,
                        old.balanceFen(), List.of());
            } else if (p.hoardingLimitFen() != PrepayPolicy.NO_HOARDING_LIMIT
                    && old.balanceFen() + amountFen > p.hoardingLimitFen()) {
                res = new TopUpResult(false, "balance " + old.balanceFen() + " + " + amountFen + " fen would exceed the hoarding limit "
                        + p.hoardingLimitFen() + " fen", old.balanceFen(), List.of());
            } else {
                AccountDraft d = AccountDraft.of(old);
                d.balance += amountFen;
                t.book(new LedgerEntry(0, LedgerEntry.Kind.TOP_UP, account, now, topUpId, amountFen, d.balance, d.remainder,
                        null, null, 0, List.of(), null));
                List<Decision> out = new ArrayList<>();
                Rules.evaluate(d, p, now, out);
                t.put(d);
                res = new TopUpResult(true, "top-up of " + amountFen + " fen booked", d.balance, out);
            }
            t.results.put(key, Codec.encode(res));
            commit(t);
            if (!res.applied()) {
                LOG.info("top-up {} for account {} refused: {}", clip(topUpId), account, res.reason());
            }
            log(res.decisions());
            return res;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Books an opening balance (either sign: arrears are negative) exactly once per
     * {@code entryId}, creating the account if the engine does not know it yet (it then gets
     * decisions once the archive lists it). A redelivered id returns the first result unchanged.
     */
    public TopUpResult openAccount(String account, long openingFen, String entryId) {
        AccountSpec.checkAccount(account);
        checkId(entryId, "entryId");
        if (Math.abs(openingFen) > PrepayPolicy.MAX_AMOUNT_FEN) {
            throw new PrepayException(Reason.INVALID, "opening balance " + openingFen + " fen is beyond ±" + PrepayPolicy.MAX_AMOUNT_FEN);
        }
        lock.lock();
        try {
            ensureOpen();
            String key = ENTRY_KEY + entryId;
            TopUpResult earlier = storedResult(key);
            if (earlier != null) {
                return earlier;
            }
            AccountState old = accounts.get(account);
            if (old == null && accounts.size() >= MAX_ACCOUNTS) {
                throw new PrepayException(Reason.INVALID, "already " + MAX_ACCOUNTS + " accounts");
            }
            long now = clock.millis();
            AccountDraft d = old == null ? AccountDraft.fresh(account, null) : AccountDraft.of(old);
            Txn t = new Txn(now);
            d.balance = Math.addExact(d.balance, openingFen);
            t.book(new LedgerEntry(0, LedgerEntry.Kind.OPENING, account, now, entryId, openingFen, d.balance, d.remainder,
                    null, null, 0, List.of(), null));
            List<Decision> out = new ArrayList<>();
            Rules.evaluate(d, policy, now, out);
            t.put(d);
            TopUpResult res = new TopUpResult(true, "opening balance of " + openingFen + " fen booked", d.balance, out);
            t.results.put(key, Codec.encode(res));
            commit(t);
            log(out);
            return res;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Books an operator's correction (either sign) exactly once per {@code entryId}, with a note
     * (clipped to 500 characters). An unknown account is refused without recording the id.
     */
    public TopUpResult adjust(String entryId, String account, long deltaFen, String note) {
        checkId(entryId, "entryId");
        Objects.requireNonNull(account, "account");
        if (Math.abs(deltaFen) > PrepayPolicy.MAX_AMOUNT_FEN) {
            throw new PrepayException(Reason.INVALID, "adjustment " + deltaFen + " fen is beyond ±" + PrepayPolicy.MAX_AMOUNT_FEN);
        }
        lock.lock();
        try {
            ensureOpen();
            String key = ENTRY_KEY + entryId;
            TopUpResult earlier = storedResult(key);
            if (earlier != null) {
                return earlier;
            }
            AccountState old = accounts.get(account);
            if (old == null) {
                return new TopUpResult(false, "unknown account " + clip(account) + " (not recorded)", 0, List.of());
            }
            long now = clock.millis();
            AccountDraft d = AccountDraft.of(old);
            Txn t = new Txn(now);
            d.balance = Math.addExact(d.balance, deltaFen);
            String text = note == null ? null : note.length() > MAX_NOTE_LENGTH ? note.substring(0, MAX_NOTE_LENGTH) : note;
            t.book(new LedgerEntry(0, LedgerEntry.Kind.ADJUSTMENT, account, now, entryId, deltaFen, d.balance, d.remainder,
                    null, null, 0, List.of(), text));
            List<Decision> out = new ArrayList<>();
            Rules.evaluate(d, policy, now, out);
            t.put(d);
            TopUpResult res = new TopUpResult(true, "adjustment of " + deltaFen + " fen booked", d.balance, out);
            t.results.put(key, Codec.encode(res));
            commit(t);
            log(out);
            return res;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ time and relays

    /**
     * Applies the policy at the clock's now to every account in the archive: withheld trips
     * whose window has ended (if still warranted), and anything a changed policy or keep-power
     * flag calls for. Call it periodically (every minute, say).
     */
    public List<Decision> tick() {
        lock.lock();
        try {
            ensureOpen();
            long now = clock.millis();
            PrepayPolicy p = policy;
            Txn t = new Txn(now);
            List<Decision> out = new ArrayList<>();
            for (AccountState s : accounts.values()) {
                if (s.spec() != null && mayChange(s, p, now)) {
                    AccountDraft d = AccountDraft.of(s);
                    Rules.evaluate(d, p, now, out);
                    t.put(d);
                }
            }
            commit(t);
            log(out);
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link Rules#evaluate} could change this account now (a cheap filter for {@link #tick()}). */
    private static boolean mayChange(AccountState s, PrepayPolicy p, long now) {
        long b = s.balanceFen();
        int level = b <= p.alarm2Fen() ? 2 : b <= p.alarm1Fen() ? 1 : 0;
        if (level != s.alarmLevel()) {
            return true;
        }
        boolean warranted = !s.spec().keepPower() && b <= p.tripLevelFen();
        if (s.desiredRelay() == RelayState.CLOSED) {
            return warranted ? s.tripDeferredUntil() <= now : s.tripDeferredUntil() != 0;
        }
        return s.tripDeferredUntil() != 0 || s.spec().keepPower() || b > Math.max(p.reconnectAboveFen(), p.tripLevelFen());
    }

    /**
     * Records what the meter's status word says: {@code open} is whether the meter holds the
     * relay open (status word 3, relay command state). See {@link #relayObserved(String, RelayState)}.
     *
     * @return false if the account is unknown (nothing recorded)
     */
    public boolean relayObserved(String account, boolean open) {
        return relayObserved(account, open ? RelayState.OPEN : RelayState.CLOSED);
    }

    /**
     * Records the relay state the meter reports for the account: {@link RelayState#CLOSED},
     * {@link RelayState#OPEN} or {@link RelayState#CLOSE_ALLOWED} (released, waiting for the
     * customer's button). {@link #pending()} compares it with the wanted state.
     *
     * @return false if the account is unknown (nothing recorded)
     */
    public boolean relayObserved(String account, RelayState observed) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(observed, "observed");
        if (observed == RelayState.UNKNOWN) {
            throw new PrepayException(Reason.INVALID, "UNKNOWN is not an observation");
        }
        lock.lock();
        try {
            ensureOpen();
            AccountState s = accounts.get(account);
            if (s == null) {
                return false;
            }
            if (s.observedRelay() != observed) {
                Txn t = new Txn(clock.millis());
                AccountDraft d = AccountDraft.of(s);
                d.observed = observed;
                t.put(d);
                commit(t);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * What is still to be done at the relays: {@link Action#TRIP} for accounts the engine wants
     * open that the meter has not reported open, {@link Action#RECONNECT} for accounts wanted
     * closed that the meter reports open (or released but still open, when the mode is direct
     * close). An account whose relay was never reported is taken as closed. Changes nothing.
     */
    public List<Decision> pending() {
        lock.lock();
        try {
            ensureOpen();
            long now = clock.millis();
            PrepayPolicy p = policy;
            List<Decision> out = new ArrayList<>();
            for (AccountState s : accounts.values()) {
                AccountSpec spec = s.spec();
                if (spec == null) {
                    continue;
                }
                if (s.desiredRelay() == RelayState.OPEN && s.observedRelay() != RelayState.OPEN) {
                    out.add(new Decision(s.account(), spec.point(), spec.meter(), Action.TRIP,
                            "relay wanted open, meter reports " + s.observedRelay(), s.balanceFen(), now, null));
                } else if (s.desiredRelay() == RelayState.CLOSED) {
                    ReconnectMode mode = Rules.reconnectMode(spec, p);
                    if (s.observedRelay() == RelayState.OPEN
                            || (s.observedRelay() == RelayState.CLOSE_ALLOWED && mode == ReconnectMode.DIRECT_CLOSE)) {
                        out.add(new Decision(s.account(), spec.point(), spec.meter(), Action.RECONNECT,
                                "relay wanted closed, meter reports " + s.observedRelay(), s.balanceFen(), now, mode));
                    }
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ queries

    /** The account's state, or {@code null} if the engine does not know it. */
    public AccountState account(String account) {
        lock.lock();
        try {
            ensureOpen();
            return accounts.get(account);
        } finally {
            lock.unlock();
        }
    }

    /** Every account's state, in no particular order. */
    public List<AccountState> accounts() {
        lock.lock();
        try {
            ensureOpen();
            return List.copyOf(accounts.values());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Up to {@code max} (at most {@value #MAX_BATCH}) ledger entries with sequence number above
     * {@code seq}, oldest first, for the uplink. Pass the last sequence number sent to continue.
     */
    public List<LedgerEntry> entriesAfter(long seq, int max) {
        if (max <= 0) {
            return List.of();
        }
        lock.lock();
        try {
            ensureOpen();
            return file.entriesAfter(seq, Math.min(max, MAX_BATCH));
        } finally {
            lock.unlock();
        }
    }

    /** The sequence number of the newest ledger entry (0 if none was ever booked). */
    public long lastSeq() {
        lock.lock();
        try {
            ensureOpen();
            return lastSeq;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes ledger entries up to and including {@code seq} (the cloud confirmed them);
     * balances and baselines are unaffected. Returns how many were removed.
     */
    public long pruneEntriesThrough(long seq) {
        lock.lock();
        try {
            ensureOpen();
            long n = file.pruneThrough(Math.min(seq, lastSeq));
            markIfFailed();
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** The file's size in bytes as the store tracks it. */
    public long fileBytes() {
        lock.lock();
        try {
            ensureOpen();
            return file.fileBytes();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                file.close();
            }
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ internals

    /** Changes collected during one call, committed together. */
    private final class Txn {
        final long now;
        final Map<String, AccountState> changed = new LinkedHashMap<>();
        final List<LedgerEntry> entries = new ArrayList<>();
        final Map<String, String> results = new LinkedHashMap<>();
        long seq = lastSeq;

        Txn(long now) {
            this.now = now;
        }

        void book(LedgerEntry e) {
            entries.add(e.withSeq(++seq));
        }

        void put(AccountDraft d) {
            if (d.changed()) {
                changed.put(d.account, d.freeze(now));
            }
        }

        boolean isEmpty() {
            return changed.isEmpty() && entries.isEmpty() && results.isEmpty();
        }
    }

    private void commit(Txn t) {
        if (t.isEmpty()) {
            return;
        }
        try {
            file.commit(t.changed.values(), t.entries, t.results, t.seq);
        } catch (PrepayException e) {
            markIfFailed();
            throw e;
        }
        accounts.putAll(t.changed);
        lastSeq = t.seq;
    }

    private void markIfFailed() {
        if (file.isClosed()) {
            closed = true;
            LOG.error("prepayment ledger {} failed and was closed; open it again", file.path());
        }
    }

    private TopUpResult storedResult(String key) {
        String stored = file.result(key);
        return stored == null ? null : Codec.decode(stored, TopUpResult.class, file.path() + ": result " + key);
    }

    private void ensureOpen() {
        if (closed || file.isClosed()) {
            closed = true;
            throw new PrepayException(Reason.CLOSED, "the prepayment engine on " + file.path() + " is closed");
        }
    }

    private static void checkId(String id, String what) {
        if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH || id.chars().anyMatch(Character::isISOControl)) {
            throw new PrepayException(Reason.INVALID, what + " must be 1.." + MAX_ID_LENGTH
                    + " characters without control characters");
        }
    }

    private static String clip(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }

    private static void log(List<Decision> decisions) {
        for (Decision d : decisions) {
            LOG.info("account {} meter {}: {} ({})", d.account(), d.meter(), d.action(), d.reason());
        }
    }
}
