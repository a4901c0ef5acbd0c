package org.openami.concentrator.prepay;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openami.concentrator.model.Quantity;

/**
 * A mutable working copy of an {@link AccountState} for the duration of one engine call. The
 * engine builds one, changes it, and only if the call commits does {@link #freeze} become the
 * account's state. Not thread-safe.
 */
final class AccountDraft {

    /** Meters whose baselines are kept per account: the current one and two before it. */
    static final int MAX_METERS = 3;

    final String account;
    AccountSpec spec;
    long balance;
    long remainder;
    RelayState desired;
    RelayState observed;
    int alarmLevel;
    long deferredUntil;
    String tierPeriod;
    long tierUsedWh;
    final Map<String, Map<Quantity, RegisterMark>> marks = new LinkedHashMap<>();

    private final AccountState original;

    private AccountDraft(String account, AccountState original) {
        this.account = account;
        this.original = original;
    }

    static AccountDraft of(AccountState s) {
        AccountDraft d = new AccountDraft(s.account(), s);
        d.spec = s.spec();
        d.balance = s.balanceFen();
        d.remainder = s.remainder();
        d.desired = s.desiredRelay();
        d.observed = s.observedRelay();
        d.alarmLevel = s.alarmLevel();
        d.deferredUntil = s.tripDeferredUntil();
        d.tierPeriod = s.tierPeriod();
        d.tierUsedWh = s.tierUsedWh();
        for (RegisterMark m : s.registers()) {
            d.marks.computeIfAbsent(m.meter(), k -> new EnumMap<>(Quantity.class)).put(m.quantity(), m);
        }
        return d;
    }

    /** A new account at balance 0, relay wanted closed, nothing observed. */
    static AccountDraft fresh(String account, AccountSpec spec) {
        AccountDraft d = new AccountDraft(account, null);
        d.spec = spec;
        d.desired = RelayState.CLOSED;
        d.observed = RelayState.UNKNOWN;
        return d;
    }

    RegisterMark mark(String meter, Quantity q) {
        Map<Quantity, RegisterMark> m = marks.get(meter);
        return m == null ? null : m.get(q);
    }

    void setMark(RegisterMark m) {
        marks.computeIfAbsent(m.meter(), k -> new EnumMap<>(Quantity.class)).put(m.quantity(), m);
    }

    boolean knowsMeter(String meter) {
        return marks.containsKey(meter);
    }

    /** Drops the baselines of the oldest previous meters beyond {@link #MAX_METERS}. */
    void trimMeters() {
        while (marks.size() > MAX_METERS) {
            String oldest = null;
            long oldestTime = Long.MAX_VALUE;
            for (Map.Entry<String, Map<Quantity, RegisterMark>> e : marks.entrySet()) {
                if (spec != null && e.getKey().equals(spec.meter())) {
                    continue;
                }
                long latest = e.getValue().values().stream().mapToLong(RegisterMark::time).max().orElse(Long.MIN_VALUE);
                if (latest < oldestTime) {
                    oldestTime = latest;
                    oldest = e.getKey();
                }
            }
            if (oldest == null) {
                return;
            }
            marks.remove(oldest);
        }
    }

    /** The state this draft describes, stamped {@code now} if it differs from the original. */
    AccountState freeze(long now) {
        AccountState same = build(original == null ? now : original.updatedAt());
        if (same.equals(original)) {
            return original;
        }
        return build(now);
    }

    /** Whether {@link #freeze} would give a state other than the one the draft started from. */
    boolean changed() {
        return original == null || !build(original.updatedAt()).equals(original);
    }

    private AccountState build(long updatedAt) {
        List<RegisterMark> regs = new ArrayList<>();
        for (Map<Quantity, RegisterMark> m : marks.values()) {
            regs.addAll(m.values());
        }
        return new AccountState(account, spec, balance, remainder, desired, observed, alarmLevel, deferredUntil,
                tierPeriod, tierUsedWh, regs, updatedAt);
    }
}
