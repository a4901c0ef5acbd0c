package org.openami.concentrator.prepay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openami.concentrator.prepay.Fx.HOUR;
import static org.openami.concentrator.prepay.Fx.T0;
import static org.openami.concentrator.prepay.Fx.total;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

/** Consumption from readings through the engine: baselines, gaps, duplicates, order, resets, replacement, tariffs. */
class ConsumptionTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(T0 + 30 * 24 * HOUR);
    private PrepayEngine engine;
    private final AccountSpec a = Fx.spec("A1", "M1", "FLAT");

    @BeforeEach
    void open() {
        engine = PrepayEngine.open(dir.resolve("p.mv.db"), Fx.flatBook(), Fx.policy(), clock, false);
        engine.openAccount("A1", 1_000_000, "open-A1");
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private long charged(String account) {
        long fen = 0;
        for (LedgerEntry e : engine.entriesAfter(0, PrepayEngine.MAX_BATCH)) {
            if (e.kind() == LedgerEntry.Kind.CHARGE && e.account().equals(account)) {
                fen -= e.amountFen();
            }
        }
        return fen;
    }

    private long chargedWh(String account) {
        long wh = 0;
        for (LedgerEntry e : engine.entriesAfter(0, PrepayEngine.MAX_BATCH)) {
            if (e.kind() == LedgerEntry.Kind.CHARGE && e.account().equals(account)) {
                wh += e.totalWh();
            }
        }
        return wh;
    }

    private List<LedgerEntry> entries(LedgerEntry.Kind kind) {
        return engine.entriesAfter(0, PrepayEngine.MAX_BATCH).stream().filter(e -> e.kind() == kind).toList();
    }

    @Test
    void firstReadingIsABaselineAndTheNextIsCharged() {
        engine.onReadings(a, List.of(total("M1", T0, 100_000)));
        assertThat(charged("A1")).isZero();
        assertThat(entries(LedgerEntry.Kind.BASELINE)).singleElement()
                .satisfies(e -> assertThat(e.note()).contains("first reading of meter M1"));
        engine.onReadings(a, List.of(total("M1", T0 + HOUR, 102_000)));
        assertThat(chargedWh("A1")).isEqualTo(2_000);
        assertThat(charged("A1")).isEqualTo(100); // 2 kWh x 50 fen
        LedgerEntry c = entries(LedgerEntry.Kind.CHARGE).get(0);
        assertThat(c.meter()).isEqualTo("M1");
        assertThat(c.tariffId()).isEqualTo("FLAT");
        assertThat(c.tariffVersion()).isEqualTo(1);
        assertThat(c.registers()).singleElement().isEqualTo(new RegisterDelta(Fx.TOTAL, T0, 100_000, T0 + HOUR, 102_000));
        assertThat(c.balanceFen()).isEqualTo(1_000_000 - 100);
        assertThat(engine.account("A1").balanceFen()).isEqualTo(1_000_000 - 100);
        assertThat(engine.account("A1").registers()).contains(new RegisterMark("M1", Fx.TOTAL, T0 + HOUR, 102_000));
    }

    @Test
    void duplicatesAndOlderReadingsAreNeverChargedAgain() {
        engine.onReadings(a, List.of(total("M1", T0, 100_000), total("M1", T0 + HOUR, 101_000)));
        long seq = engine.lastSeq();
        AccountState before = engine.account("A1");
        engine.onReadings(a, List.of(total("M1", T0 + HOUR, 101_000), total("M1", T0, 100_000),
                total("M1", T0 + HOUR / 2, 100_500)));
        assertThat(engine.lastSeq()).as("nothing booked").isEqualTo(seq);
        assertThat(engine.account("A1")).isEqualTo(before);
        assertThat(chargedWh("A1")).isEqualTo(1_000);
    }

    @Test
    void aGapIsCoveredOnceByTheNextReading() {
        engine.onReadings(a, List.of(total("M1", T0, 100_000)));
        engine.onReadings(a, List.of(total("M1", T0 + 5 * HOUR, 107_000)));
        // the missed hours arrive late: all older than the baseline now
        engine.onReadings(a, List.of(total("M1", T0 + HOUR, 101_000), total("M1", T0 + 2 * HOUR, 103_000)));
        assertThat(chargedWh("A1")).isEqualTo(7_000);
        assertThat(charged("A1")).isEqualTo(350);
    }

    @Test
    void outOfOrderReadingsInOneCallAreSortedByTime() {
        engine.onReadings(a, List.of(total("M1", T0 + 3 * HOUR, 103_000), total("M1", T0, 100_000),
                total("M1", T0 + 2 * HOUR, 102_000), total("M1", T0 + HOUR, 101_000), total("M1", T0 + HOUR, 101_000)));
        assertThat(entries(LedgerEntry.Kind.CHARGE)).hasSize(3);
        assertThat(chargedWh("A1")).isEqualTo(3_000);
    }

    @Test
    void aLargeFallIsAResetAndASmallFallIsAStaleReading() {
        engine.onReadings(a, List.of(total("M1", T0, 500_000), total("M1", T0 + HOUR, 501_000)));
        // 1 kWh below the baseline: within the 5 kWh threshold, a reading out of step: ignored
        engine.onReadings(a, List.of(total("M1", T0 + 2 * HOUR, 500_000)));
        assertThat(engine.account("A1").registers()).contains(new RegisterMark("M1", Fx.TOTAL, T0 + HOUR, 501_000));
        // the register was cleared: falls to 200 Wh; new baseline, nothing charged for the fall
        engine.onReadings(a, List.of(total("M1", T0 + 3 * HOUR, 200)));
        assertThat(entries(LedgerEntry.Kind.BASELINE)).last()
                .satisfies(e -> assertThat(e.note()).contains("fell from 501000").contains("reset or rollover"));
        engine.onReadings(a, List.of(total("M1", T0 + 4 * HOUR, 2_200)));
        assertThat(chargedWh("A1")).isEqualTo(1_000 + 2_000);
    }

    @Test
    void aRolloverOfASixDigitRegisterIsANewBaseline() {
        engine.onReadings(a, List.of(total("M1", T0, 999_999_000L), total("M1", T0 + HOUR, 999_999_990L)));
        engine.onReadings(a, List.of(total("M1", T0 + 2 * HOUR, 500), total("M1", T0 + 3 * HOUR, 1_500)));
        assertThat(chargedWh("A1")).isEqualTo(990 + 1_000);
    }

    @Test
    void aReplacedMeterStartsFromItsOwnBaselineAndLateReadingsOfTheOldOneStillCount() {
        engine.onReadings(a, List.of(total("M1", T0, 100_000), total("M1", T0 + HOUR, 101_000)));
        AccountSpec replaced = Fx.spec("A1", "M2", "FLAT");
        engine.onReadings(replaced, List.of(total("M2", T0 + 2 * HOUR, 5), total("M2", T0 + 3 * HOUR, 1_005)));
        assertThat(chargedWh("A1")).isEqualTo(1_000 + 1_000);
        // the old meter's last reading, taken before it was removed, arrives late: its own consumption
        engine.onReadings(replaced, List.of(total("M1", T0 + 90 * 60_000, 101_400)));
        assertThat(chargedWh("A1")).isEqualTo(1_000 + 1_000 + 400);
        // a meter the account never had is not charged
        engine.onReadings(replaced, List.of(total("M9", T0 + 4 * HOUR, 1), total("M9", T0 + 5 * HOUR, 900_000)));
        assertThat(chargedWh("A1")).isEqualTo(2_400);
        assertThat(engine.account("A1").spec().meter()).isEqualTo("M2");
        assertThat(entries(LedgerEntry.Kind.CHARGE)).extracting(LedgerEntry::meter).containsExactly("M1", "M2", "M1");
    }

    @Test
    void onlyThreeMetersAreRemembered() {
        for (int m = 1; m <= 5; m++) {
            AccountSpec s = Fx.spec("A1", "M" + m, "FLAT");
            engine.onReadings(s, List.of(total("M" + m, T0 + m * HOUR, 1_000 * m)));
        }
        assertThat(engine.account("A1").registers()).extracting(RegisterMark::meter).containsExactlyInAnyOrder("M3", "M4", "M5");
    }

    @Test
    void freezeReadingsBelongToTheMidnightThatClosesTheirPeriod() {
        long may5 = Fx.at(2025, 5, 5, 0, 0);
        long may6 = Fx.at(2025, 5, 6, 0, 0);
        assertThat(Consumption.registerTime(Fx.reading("M1", ReadingKind.DAILY_FREEZE, Fx.TOTAL, may5, 1), Fx.SHANGHAI))
                .isEqualTo(may6);
        assertThat(Consumption.registerTime(Fx.reading("M1", ReadingKind.MONTHLY_FREEZE, Fx.TOTAL,
                Fx.at(2025, 4, 1, 0, 0), 1), Fx.SHANGHAI)).isEqualTo(Fx.at(2025, 5, 1, 0, 0));
        assertThat(Consumption.registerTime(Fx.reading("M1", ReadingKind.CURVE, Fx.TOTAL, may5 + 900_000, 1), Fx.SHANGHAI))
                .isEqualTo(may5 + 900_000);
        // curve points of May 5 up to 23:45, then the freeze closing May 5 (value at May 6 00:00), then May 6 curves
        List<Reading> rs = new ArrayList<>();
        rs.add(Fx.reading("M1", ReadingKind.CURVE, Fx.TOTAL, may5, 10_000));
        rs.add(Fx.reading("M1", ReadingKind.CURVE, Fx.TOTAL, may5 + 23 * HOUR + 45 * 60_000, 19_000));
        rs.add(Fx.reading("M1", ReadingKind.DAILY_FREEZE, Fx.TOTAL, may5, 19_500));
        rs.add(Fx.reading("M1", ReadingKind.CURVE, Fx.TOTAL, may6, 19_500)); // the same instant: a duplicate
        rs.add(Fx.reading("M1", ReadingKind.CURVE, Fx.TOTAL, may6 + HOUR, 20_000));
        engine.onReadings(a, rs);
        assertThat(chargedWh("A1")).isEqualTo(10_000);
        assertThat(entries(LedgerEntry.Kind.CHARGE)).hasSize(3);
    }

    @Test
    void timeOfUseChargesTheTariffRegistersAndFlatTheTotal() {
        TariffBook book = TariffBook.of(List.of(TariffTable.flat("FLAT", 1, 0, 50, 0),
                TariffTable.timeOfUse("TOU", 1, 0, new long[] {100, 80, 50, 20}, 0)));
        engine.updateTariffs(book);
        AccountSpec tou = Fx.spec("A2", "M2", "TOU");
        engine.openAccount("A2", 100_000, "open-A2");
        engine.onReadings(tou, Fx.block("M2", ReadingKind.REALTIME, T0, 1_000, 1_000, 1_000, 1_000));
        engine.onReadings(tou, Fx.block("M2", ReadingKind.REALTIME, T0 + HOUR, 2_000, 3_000, 4_000, 5_000));
        // 1 kWh x 100 + 2 x 80 + 3 x 50 + 4 x 20
        assertThat(charged("A2")).isEqualTo(100 + 160 + 150 + 80);
        assertThat(entries(LedgerEntry.Kind.CHARGE)).singleElement().satisfies(e -> {
            assertThat(e.registers()).extracting(RegisterDelta::quantity).containsExactly(Fx.T1, Fx.T2, Fx.T3, Fx.T4);
            assertThat(e.totalWh()).isEqualTo(10_000);
        });
    }

    @Test
    void theVersionInEffectAtTheEndOfTheIntervalIsCharged() {
        long switchAt = T0 + 2 * HOUR;
        engine.updateTariffs(TariffBook.of(List.of(TariffTable.flat("FLAT", 1, 0, 50, 0),
                TariffTable.flat("FLAT", 2, switchAt, 70, 0))));
        engine.onReadings(a, List.of(total("M1", T0, 0), total("M1", T0 + HOUR, 1_000), total("M1", switchAt, 2_000),
                total("M1", switchAt + 1, 3_000)));
        List<LedgerEntry> charges = entries(LedgerEntry.Kind.CHARGE);
        assertThat(charges).extracting(LedgerEntry::tariffVersion).containsExactly(1, 1, 2);
        assertThat(charged("A1")).isEqualTo(50 + 50 + 70);
    }

    @Test
    void tieredUseAccumulatesPerAccountAcrossCallsAndMonths() {
        engine.updateTariffs(TariffBook.of(List.of(TariffTable.tiered("TIER", 1, 0, TariffTable.Period.MONTHLY,
                new long[] {10_000}, new long[] {50, 100}, 0))));
        AccountSpec t = Fx.spec("A1", "M1", "TIER");
        long may31 = Fx.at(2025, 5, 31, 12, 0);
        engine.onReadings(t, List.of(total("M1", may31, 0), total("M1", may31 + HOUR, 8_000)));
        engine.onReadings(t, List.of(total("M1", may31 + 2 * HOUR, 12_000)));
        assertThat(charged("A1")).isEqualTo(8 * 50 + 2 * 50 + 2 * 100);
        assertThat(engine.account("A1").tierPeriod()).isEqualTo("2025-05");
        assertThat(engine.account("A1").tierUsedWh()).isEqualTo(12_000);
        // a daily freeze closing May 31 belongs to June 1 00:00: still May's consumption
        engine.onReadings(t, List.of(Fx.reading("M1", ReadingKind.DAILY_FREEZE, Fx.TOTAL, Fx.at(2025, 5, 31, 0, 0), 13_000)));
        assertThat(engine.account("A1").tierUsedWh()).isEqualTo(13_000);
        engine.onReadings(t, List.of(total("M1", Fx.at(2025, 6, 1, 1, 0), 14_000)));
        assertThat(engine.account("A1").tierPeriod()).isEqualTo("2025-06");
        assertThat(engine.account("A1").tierUsedWh()).isEqualTo(1_000);
        assertThat(charged("A1")).isEqualTo(8 * 50 + 2 * 50 + 2 * 100 + 100 + 50);
    }

    @Test
    void missingTariffFailsTheCallAndChangesNothing() {
        engine.onReadings(a, List.of(total("M1", T0, 0)));
        AccountSpec unknown = Fx.spec("A1", "M1", "NOPE");
        AccountState before = engine.account("A1");
        long seq = engine.lastSeq();
        assertThatThrownBy(() -> engine.onReadings(unknown, List.of(total("M1", T0 + HOUR, 1_000))))
                .isInstanceOfSatisfying(PrepayException.class, e -> {
                    assertThat(e.reason()).isEqualTo(PrepayException.Reason.NO_TARIFF);
                    assertThat(e.getMessage()).contains("NOPE").contains("unknown");
                });
        assertThat(engine.account("A1")).isEqualTo(before);
        assertThat(engine.lastSeq()).isEqualTo(seq);
        // once the tariff exists the same consumption is charged
        engine.updateTariffs(TariffBook.of(List.of(TariffTable.flat("NOPE", 1, 0, 10, 0))));
        engine.onReadings(unknown, List.of(total("M1", T0 + HOUR, 1_000)));
        assertThat(charged("A1")).isEqualTo(10);
    }

    @Test
    void otherQuantitiesAndBadValuesAreSkipped() {
        List<Reading> rs = List.of(total("M1", T0, 0),
                new Reading(1, "M1", ReadingKind.REALTIME, Quantity.VOLTAGE_A, T0 + HOUR, 220_000, T0),
                new Reading(1, "M1", ReadingKind.REALTIME, Quantity.ENERGY_REVERSE_ACTIVE_TOTAL, T0 + HOUR, 99_000, T0),
                total("M1", T0 + HOUR, -5), total("M1", T0 + 2 * HOUR, Consumption.MAX_REGISTER_WH + 1),
                total("M1", T0 + 3 * HOUR, 1_000));
        engine.onReadings(a, rs);
        assertThat(chargedWh("A1")).isEqualTo(1_000);
        assertThatThrownBy(() -> engine.onReadings(a, java.util.Collections.nCopies(PrepayEngine.MAX_READINGS + 1,
                total("M1", T0, 0)))).isInstanceOfSatisfying(PrepayException.class,
                e -> assertThat(e.reason()).isEqualTo(PrepayException.Reason.INVALID));
    }
}
