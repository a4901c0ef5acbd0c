package org.openami.concentrator.prepay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openami.concentrator.prepay.Fx.HOUR;
import static org.openami.concentrator.prepay.Fx.total;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alarm, trip, reconnect, keep-power, protected windows, hoarding limit and exactly-once bookings. */
class DecisionTest {

    @TempDir
    Path dir;

    /** Tuesday 2025-05-06 10:00 Shanghai. */
    private final TestClock clock = new TestClock(Fx.T0);
    private PrepayEngine engine;
    private long register;
    private long readingTime = Fx.T0 - 30L * 24 * HOUR;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private PrepayEngine open(PrepayPolicy p) {
        engine = PrepayEngine.open(dir.resolve("d.mv.db"), Fx.flatBook(), p, clock, false);
        return engine;
    }

    /** Consumes {@code fen} worth at 50 fen/kWh (20 Wh per fen) on the account's meter. */
    private List<Decision> consume(AccountSpec spec, long fen) {
        if (register == 0) {
            engine.onReadings(spec, List.of(total(spec.meter(), readingTime, 1)));
            register = 1;
        }
        register += fen * 20;
        readingTime += HOUR;
        return engine.onReadings(spec, List.of(total(spec.meter(), readingTime, register)));
    }

    private static PrepayPolicy policy(TripAt tripAt, long overdraft, long hoarding, ReconnectMode mode, long reconnectAbove,
                                       ProtectedWindows w) {
        return new PrepayPolicy(2000, 500, overdraft, tripAt, hoarding, mode, reconnectAbove, w);
    }

    @Test
    void alarmOneAlarmTwoTripAtZeroAndReconnectAfterATopUp() {
        open(Fx.policy());
        AccountSpec a = Fx.spec("A", "M", "FLAT");
        engine.openAccount("A", 3000, "open-A");
        engine.setAccounts(List.of(a));

        assertThat(consume(a, 500)).isEmpty(); // 2500
        List<Decision> d = consume(a, 600); // 1900: alarm 1
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.action()).isEqualTo(Action.ALARM);
            assertThat(x.reason()).contains("alarm amount 1");
            assertThat(x.balanceFen()).isEqualTo(1900);
            assertThat(x.meter()).isEqualTo("M");
            assertThat(x.at()).isEqualTo(clock.millis());
        });
        assertThat(consume(a, 100)).isEmpty(); // 1800: already alarmed
        assertThat(consume(a, 1400)).singleElement().satisfies(x -> assertThat(x.reason()).contains("alarm amount 2"));
        d = consume(a, 400); // 0: trip
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.action()).isEqualTo(Action.TRIP);
            assertThat(x.balanceFen()).isZero();
            assertThat(x.reconnect()).isNull();
        });
        assertThat(engine.account("A").desiredRelay()).isEqualTo(RelayState.OPEN);
        assertThat(consume(a, 10)).as("tripped once").isEmpty();

        TopUpResult r = engine.topUp("pay-1", "A", 5000);
        assertThat(r.applied()).isTrue();
        assertThat(r.balanceFen()).isEqualTo(4990);
        assertThat(r.decisions()).extracting(Decision::action).containsExactly(Action.ALARM_RELEASE, Action.RECONNECT);
        assertThat(r.decisions().get(1).reconnect()).isEqualTo(ReconnectMode.CLOSE_ALLOWED);
        assertThat(engine.account("A").desiredRelay()).isEqualTo(RelayState.CLOSED);
        assertThat(engine.account("A").alarmLevel()).isZero();
    }

    @Test
    void tripAtAlarmTwoAndReconnectOnlyAboveTheReconnectLevel() {
        open(policy(TripAt.ALARM2, 0, PrepayPolicy.NO_HOARDING_LIMIT, ReconnectMode.DIRECT_CLOSE, 1000,
                ProtectedWindows.none(Fx.SHANGHAI)));
        AccountSpec a = Fx.spec("A", "M", "FLAT");
        engine.openAccount("A", 1000, "open-A");
        engine.setAccounts(List.of(a));
        assertThat(consume(a, 500)).extracting(Decision::action).containsExactly(Action.ALARM, Action.TRIP); // 500
        assertThat(engine.topUp("t1", "A", 400).decisions()).isEmpty(); // 900: not above 1000
        assertThat(engine.account("A").desiredRelay()).isEqualTo(RelayState.OPEN);
        TopUpResult r = engine.topUp("t2", "A", 101); // 1001
        assertThat(r.decisions()).extracting(Decision::action).containsExactly(Action.RECONNECT);
        assertThat(r.decisions().get(0).reconnect()).isEqualTo(ReconnectMode.DIRECT_CLOSE);
    }

    @Test
    void overdraftLetsSupplyRunBelowZeroUpToTheLimit() {
        open(policy(TripAt.OVERDRAFT, 1000, PrepayPolicy.NO_HOARDING_LIMIT, ReconnectMode.CLOSE_ALLOWED, 0,
                ProtectedWindows.none(Fx.SHANGHAI)));
        AccountSpec a = Fx.spec("A", "M", "FLAT");
        assertThat(engine.setAccounts(List.of(a))).as("balance 0 is at or below alarm 2 but above the trip level")
                .extracting(Decision::action).containsExactly(Action.ALARM);
        assertThat(consume(a, 999)).as("-999: runs on credit").isEmpty();
        assertThat(consume(a, 1)).extracting(Decision::action).containsExactly(Action.TRIP); // -1000
        TopUpResult r = engine.topUp("t1", "A", 1000); // 0: not above reconnect level 0
        assertThat(r.decisions()).isEmpty();
        assertThat(engine.topUp("t2", "A", 1).decisions()).extracting(Decision::action).containsExactly(Action.RECONNECT);
    }

    @Test
    void keepPowerAccountsAreAlarmedButNeverTripped() {
        open(Fx.policy());
        AccountSpec kp = new AccountSpec("H", 7, "MH", "FLAT", true);
        engine.openAccount("H", 3000, "open-H");
        engine.setAccounts(List.of(kp));
        List<Decision> d = consume(kp, 5000); // -2000
        assertThat(d).extracting(Decision::action).containsExactly(Action.ALARM);
        assertThat(engine.account("H").desiredRelay()).isEqualTo(RelayState.CLOSED);
        assertThat(engine.tick()).isEmpty();

        // keep-power withdrawn: tick trips; set again: reconnected by direct close
        engine.setAccounts(List.of(new AccountSpec("H", 7, "MH", "FLAT", false)));
        assertThat(engine.account("H").desiredRelay()).isEqualTo(RelayState.OPEN);
        List<Decision> back = engine.setAccounts(List.of(kp));
        assertThat(back).singleElement().satisfies(x -> {
            assertThat(x.action()).isEqualTo(Action.RECONNECT);
            assertThat(x.reconnect()).isEqualTo(ReconnectMode.DIRECT_CLOSE);
            assertThat(x.point()).isEqualTo(7);
        });
    }

    @Test
    void tripsAreWithheldAtNightAndCarriedOutByTickWhenTheWindowEnds() {
        ProtectedWindows w = new ProtectedWindows(Fx.SHANGHAI, LocalTime.of(22, 0), LocalTime.of(7, 0), true,
                Set.of(LocalDate.of(2025, 5, 12)));
        open(policy(TripAt.ZERO, 0, PrepayPolicy.NO_HOARDING_LIMIT, ReconnectMode.CLOSE_ALLOWED, 0, w));
        AccountSpec a = Fx.spec("A", "M", "FLAT");
        engine.openAccount("A", 3000, "open-A");
        engine.setAccounts(List.of(a));
        clock.set(Fx.at(2025, 5, 6, 23, 0)); // Tuesday night
        List<Decision> d = consume(a, 3050);
        assertThat(d).extracting(Decision::action).containsExactly(Action.ALARM);
        assertThat(engine.account("A").desiredRelay()).isEqualTo(RelayState.CLOSED);
        assertThat(engine.account("A").tripDeferredUntil()).isEqualTo(Fx.at(2025, 5, 7, 7, 0));
        assertThat(engine.pending()).isEmpty();

        clock.set(Fx.at(2025, 5, 7, 6, 59));
        assertThat(engine.tick()).isEmpty();
        clock.set(Fx.at(2025, 5, 7, 7, 1));
        assertThat(engine.tick()).singleElement().satisfies(x -> assertThat(x.action()).isEqualTo(Action.TRIP));
        assertThat(engine.account("A").tripDeferredUntil()).isZero();
        assertThat(engine.tick()).isEmpty();
    }

    @Test
    void aWithheldTripThatIsNoLongerWarrantedIsForgotten() {
        ProtectedWindows w = new ProtectedWindows(Fx.SHANGHAI, LocalTime.of(22, 0), LocalTime.of(7, 0), true, Set.of());
        open(policy(TripAt.ZERO, 0, PrepayPolicy.NO_HOARDING_LIMIT, ReconnectMode.CLOSE_ALLOWED, 0, w));
        AccountSpec a = Fx.spec("A", "M", "FLAT");
        engine.openAccount("A", 1000, "open-A");
        engine.setAccounts(List.of(a));
        clock.set(Fx.at(2025, 5, 9, 23, 0)); // Friday night: withheld until Monday 07:00
        assertThat(consume(a, 1010)).extracting(Decision::action).containsExactly(Action.ALARM);
        assertThat(engine.account("A").tripDeferredUntil()).isEqualTo(Fx.at(2025, 5, 12, 7, 0));
        clock.set(Fx.at(2025, 5, 10, 12, 0));
        assertThat(engine.topUp("sat", "A", 5000).decisions()).extracting(Decision::action)
                .containsExactly(Action.ALARM_RELEASE);
        assertThat(engine.account("A").tripDeferredUntil()).isZero();
        clock.set(Fx.at(2025, 5, 12, 8, 0));
        assertThat(engine.tick()).isEmpty();
        assertThat(engine.account("A").desiredRelay()).isEqualTo(RelayState.CLOSED);
    }

    @Test
    void aTripFallingDueOnAHolidayWaitsForTheNextWorkingMorning() {
        ProtectedWindows w = new ProtectedWindows(Fx.SHANGHAI, LocalTime.of(22, 0), LocalTime.of(7, 0), false,
                Set.of(LocalDate.of(2025, 5, 7)));
        open(policy(TripAt.ZERO, 0, PrepayPolicy.NO_HOARDING_LIMIT, ReconnectMode.CLOSE_ALLOWED, 0, w));
        AccountSpec a = Fx.spec("A", "M", "FLAT");
        engine.openAccount("A", 1, "open-A");
        engine.setAccounts(List.of(a));
        clock.set(Fx.at(2025, 5, 7, 12, 0));
        consume(a, 1);
        assertThat(engine.account("A").tripDeferredUntil()).isEqualTo(Fx.at(2025, 5, 8, 7, 0));
        // a reading during the window does not trip either
        clock.set(Fx.at(2025, 5, 8, 3, 0));
        assertThat(consume(a, 1)).isEmpty();
        clock.set(Fx.at(2025, 5, 8, 7, 0));
        assertThat(consume(a, 1)).extracting(Decision::action).containsExactly(Action.TRIP);
    }

    @Test
    void theHoardingLimitRefusesATopUpAndTheRefusalIsStored() {
        open(policy(TripAt.ZERO, 0, 10_000, ReconnectMode.CLOSE_ALLOWED, 0, ProtectedWindows.none(Fx.SHANGHAI)));
        engine.openAccount("A", 9_000, "open-A");
        engine.setAccounts(List.of(Fx.spec("A", "M", "FLAT")));
        long seq = engine.lastSeq();
        TopUpResult refused = engine.topUp("big", "A", 1_001);
        assertThat(refused.applied()).isFalse();
        assertThat(refused.reason()).contains("hoarding limit 10000");
        assertThat(refused.balanceFen()).isEqualTo(9_000);
        assertThat(engine.account("A").balanceFen()).isEqualTo(9_000);
        assertThat(engine.lastSeq()).as("no ledger entry").isEqualTo(seq);
        assertThat(engine.topUp("ok", "A", 1_000).applied()).isTrue();
        assertThat(engine.account("A").balanceFen()).isEqualTo(10_000);
        // the same id again: the first result, even though the balance is now different
        assertThat(engine.topUp("big", "A", 1_001)).isEqualTo(refused);
        assertThat(engine.topUp("zero", "A", 0).reason()).contains("is not 1..");
    }

    @Test
    void topUpsAreBookedExactlyOncePerId() {
        open(Fx.policy());
        engine.setAccounts(List.of(Fx.spec("A", "M", "FLAT")));
        TopUpResult first = engine.topUp("pay-42", "A", 3_000);
        long seq = engine.lastSeq();
        for (int i = 0; i < 5; i++) {
            assertThat(engine.topUp("pay-42", "A", 3_000)).isEqualTo(first);
            assertThat(engine.topUp("pay-42", "A", 9_999)).as("the first result, whatever comes with the id").isEqualTo(first);
        }
        assertThat(engine.lastSeq()).isEqualTo(seq);
        assertThat(engine.account("A").balanceFen()).isEqualTo(3_000);
        List<LedgerEntry> topUps = engine.entriesAfter(0, 100).stream()
                .filter(e -> e.kind() == LedgerEntry.Kind.TOP_UP).toList();
        assertThat(topUps).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("pay-42");
            assertThat(e.amountFen()).isEqualTo(3_000);
            assertThat(e.balanceFen()).isEqualTo(3_000);
        });
        // an unknown account is refused and not recorded: the id works once the account exists
        TopUpResult unknown = engine.topUp("pay-43", "B", 100);
        assertThat(unknown.applied()).isFalse();
        assertThat(unknown.reason()).contains("unknown account");
        engine.setAccounts(List.of(Fx.spec("A", "M", "FLAT"), Fx.spec("B", "MB", "FLAT")));
        assertThat(engine.topUp("pay-43", "B", 100).applied()).isTrue();
        assertThatThrownBy(() -> engine.topUp("", "A", 1)).isInstanceOf(PrepayException.class);
        assertThatThrownBy(() -> engine.topUp("x".repeat(PrepayEngine.MAX_ID_LENGTH + 1), "A", 1))
                .isInstanceOf(PrepayException.class);
    }

    @Test
    void openingBalancesAndAdjustmentsAreBookedOncePerEntryId() {
        open(Fx.policy());
        TopUpResult o = engine.openAccount("A", -500, "mig-A");
        assertThat(o.applied()).isTrue();
        assertThat(o.decisions()).as("not in the archive yet: no decisions").isEmpty();
        assertThat(engine.openAccount("A", -500, "mig-A")).isEqualTo(o);
        List<Decision> d = engine.setAccounts(List.of(Fx.spec("A", "M", "FLAT")));
        assertThat(d).extracting(Decision::action).containsExactly(Action.ALARM, Action.TRIP);
        TopUpResult adj = engine.adjust("adj-1", "A", 2_600, "meter fault refund");
        assertThat(adj.balanceFen()).isEqualTo(2_100);
        assertThat(adj.decisions()).extracting(Decision::action).containsExactly(Action.ALARM_RELEASE, Action.RECONNECT);
        assertThat(engine.adjust("adj-1", "A", 2_600, "again")).isEqualTo(adj);
        assertThat(engine.account("A").balanceFen()).isEqualTo(2_100);
        assertThat(engine.entriesAfter(0, 100)).extracting(LedgerEntry::kind)
                .containsExactly(LedgerEntry.Kind.OPENING, LedgerEntry.Kind.ADJUSTMENT);
        assertThat(engine.entriesAfter(0, 100).get(1).note()).isEqualTo("meter fault refund");
        assertThat(engine.adjust("adj-2", "nobody", 1, null).applied()).isFalse();
    }

    @Test
    void pendingComparesTheWantedRelayWithWhatTheMeterReports() {
        open(policy(TripAt.ZERO, 0, PrepayPolicy.NO_HOARDING_LIMIT, ReconnectMode.DIRECT_CLOSE, 0,
                ProtectedWindows.none(Fx.SHANGHAI)));
        AccountSpec a = Fx.spec("A", "M", "FLAT");
        engine.setAccounts(List.of(a));
        assertThat(engine.account("A").desiredRelay()).as("balance 0 trips at once").isEqualTo(RelayState.OPEN);
        assertThat(engine.pending()).singleElement().satisfies(x -> {
            assertThat(x.action()).isEqualTo(Action.TRIP);
            assertThat(x.reason()).contains("UNKNOWN");
        });
        // the trip command failed: the meter still reports closed
        assertThat(engine.relayObserved("A", false)).isTrue();
        assertThat(engine.pending()).extracting(Decision::action).containsExactly(Action.TRIP);
        assertThat(engine.relayObserved("A", true)).isTrue();
        assertThat(engine.pending()).isEmpty();

        engine.topUp("t", "A", 5_000);
        assertThat(engine.pending()).singleElement().satisfies(x -> {
            assertThat(x.action()).isEqualTo(Action.RECONNECT);
            assertThat(x.reconnect()).isEqualTo(ReconnectMode.DIRECT_CLOSE);
        });
        // released but the contact is still open: not enough for direct close
        engine.relayObserved("A", RelayState.CLOSE_ALLOWED);
        assertThat(engine.pending()).extracting(Decision::action).containsExactly(Action.RECONNECT);
        engine.relayObserved("A", RelayState.CLOSED);
        assertThat(engine.pending()).isEmpty();
        assertThat(engine.relayObserved("nobody", true)).isFalse();
        assertThat(engine.account("A").observedRelay()).isEqualTo(RelayState.CLOSED);
    }

    @Test
    void closeAllowedIsSatisfiedWhenTheMeterReleasesTheRelay() {
        open(Fx.policy());
        AccountSpec a = Fx.spec("A", "M", "FLAT");
        engine.setAccounts(List.of(a));
        engine.relayObserved("A", true);
        engine.topUp("t", "A", 5_000);
        assertThat(engine.pending()).extracting(Decision::reconnect).containsExactly(ReconnectMode.CLOSE_ALLOWED);
        engine.relayObserved("A", RelayState.CLOSE_ALLOWED);
        assertThat(engine.pending()).isEmpty();
    }

    @Test
    void accountsLeavingTheArchiveKeepTheirBalanceButGetNoDecisions() {
        open(Fx.policy());
        engine.openAccount("A", 5_000, "o");
        engine.setAccounts(List.of(Fx.spec("A", "M", "FLAT")));
        engine.setAccounts(List.of());
        assertThat(engine.account("A").spec()).isNull();
        assertThat(engine.account("A").balanceFen()).isEqualTo(5_000);
        assertThat(engine.adjust("a", "A", -6_000, "correction").decisions()).isEmpty();
        assertThat(engine.tick()).isEmpty();
        assertThat(engine.pending()).isEmpty();
        assertThatThrownBy(() -> engine.setAccounts(List.of(Fx.spec("B", "M1", "FLAT"), Fx.spec("B", "M2", "FLAT"))))
                .isInstanceOfSatisfying(PrepayException.class, e -> assertThat(e.getMessage()).contains("one meter per account"));
    }

    @Test
    void aChangedPolicyIsAppliedByTick() {
        open(Fx.policy());
        AccountSpec a = Fx.spec("A", "M", "FLAT");
        engine.openAccount("A", 1_500, "o");
        engine.setAccounts(List.of(a));
        assertThat(engine.account("A").alarmLevel()).isEqualTo(1);
        engine.updatePolicy(new PrepayPolicy(1_000, 500, 0, TripAt.ALARM2, PrepayPolicy.NO_HOARDING_LIMIT,
                ReconnectMode.CLOSE_ALLOWED, 500, ProtectedWindows.none(Fx.SHANGHAI)));
        assertThat(engine.tick()).extracting(Decision::action).containsExactly(Action.ALARM_RELEASE);
        engine.updatePolicy(new PrepayPolicy(2_000, 1_600, 0, TripAt.ALARM2, PrepayPolicy.NO_HOARDING_LIMIT,
                ReconnectMode.CLOSE_ALLOWED, 1_600, ProtectedWindows.none(Fx.SHANGHAI)));
        assertThat(engine.tick()).extracting(Decision::action).containsExactly(Action.ALARM, Action.TRIP);
    }
}
