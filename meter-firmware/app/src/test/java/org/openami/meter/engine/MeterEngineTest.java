package org.openami.meter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.meter.engine.MeterJournal.FreezeKind;
import org.openami.meter.event.EventType;
import org.openami.meter.freeze.FreezeRecord;
import org.openami.meter.freeze.LoadProfilePoint;
import org.openami.meter.register.EnergyKind;
import org.openami.meter.register.Tariff;
import org.openami.meter.tariff.DailyPeriod;
import org.openami.meter.tariff.DayTable;

class MeterEngineTest {

    @TempDir
    Path dir;

    private static Instant local(String t) {
        return LocalDateTime.parse(t).atZone(EngineFixture.ZONE).toInstant();
    }

    @Test
    void energyGoesToTheTariffOfTheTimeOfUseTableAndTotalsStayConsistent() throws Exception {
        try (EngineFixture f = new EngineFixture(dir, local("2026-11-21T09:59:00"))) {
            f.run(60, 1000);   // 09:59..10:00 -> flat, then the 10:00 tick is peak
            f.run(120, 2000);  // peak
            var r = f.engine.registers();
            assertThat(r.tariff(EnergyKind.FORWARD_ACTIVE, Tariff.T3_FLAT)).isEqualTo(59 * 1000);
            assertThat(r.tariff(EnergyKind.FORWARD_ACTIVE, Tariff.T2_PEAK)).isEqualTo(1000 + 120 * 2000);
            assertThat(r.total(EnergyKind.FORWARD_ACTIVE)).isEqualTo(60 * 1000 + 120 * 2000);
            assertThat(r.isConsistent()).isTrue();
        }
    }

    @Test
    void secondTouSetTakesOverAtTheSwitchOverTime() throws Exception {
        try (EngineFixture f = new EngineFixture(dir, local("2026-11-21T11:00:00"))) {
            var p = f.engine.parameters();
            f.engine.updateParameters(p.withTou(p.tou().withSet(2, DayTable.flat(Tariff.T4_VALLEY))
                    .withSwitchOver(Optional.of(LocalDateTime.parse("2026-11-21T11:01:00")))));
            f.run(60, 100);
            f.run(60, 100);
            var r = f.engine.registers();
            assertThat(r.tariff(EnergyKind.FORWARD_ACTIVE, Tariff.T2_PEAK)).isEqualTo(59 * 100);
            assertThat(r.tariff(EnergyKind.FORWARD_ACTIVE, Tariff.T4_VALLEY)).isEqualTo(61 * 100);
            assertThat(f.engine.parameters().tou().secondActive()).isTrue();
            assertThat(f.engine.parameters().tou().switchOver()).isEmpty();
        }
    }

    @Test
    void dailyFreezeAtMidnightHoldsTheRegistersOfThatInstant() throws Exception {
        try (EngineFixture f = new EngineFixture(dir, local("2026-11-21T23:59:30"))) {
            f.run(30, 1000); // up to 00:00:00; the tick at midnight freezes first, then adds
            f.run(10, 1000);
            List<FreezeRecord> daily = f.engine.freezes(FreezeKind.DAILY);
            assertThat(daily).hasSize(1);
            assertThat(daily.get(0).at()).isEqualTo(local("2026-11-22T00:00:00"));
            assertThat(daily.get(0).registers().total(EnergyKind.FORWARD_ACTIVE)).isEqualTo(29 * 1000);
        }
    }

    @Test
    void monthlySettlementFreezesAndResetsDemand() throws Exception {
        try (EngineFixture f = new EngineFixture(dir, local("2026-11-30T23:30:00"))) {
            f.run(30 * 60, 1000); // 3.6 kW for 30 minutes: a full demand window
            assertThat(f.engine.freezes(FreezeKind.MONTHLY)).hasSize(1);
            FreezeRecord m = f.engine.freezes(FreezeKind.MONTHLY).get(0);
            assertThat(m.at()).isEqualTo(local("2026-12-01T00:00:00"));
            assertThat(m.forwardMax().milliwatts()).isEqualTo(3_600_000);
            assertThat(f.engine.forwardMaxDemand().milliwatts()).as("reset at settlement, then no full window yet").isZero();
        }
    }

    @Test
    void demandIsTheFifteenMinuteAverageWithItsTime() throws Exception {
        try (EngineFixture f = new EngineFixture(dir, local("2026-11-21T08:00:00"))) {
            f.run(20 * 60, 500);   // 1.8 kW
            f.run(20 * 60, 1000);  // 3.6 kW
            f.run(5 * 60, 100);
            assertThat(f.engine.forwardMaxDemand().milliwatts()).isEqualTo(3_600_000);
            // the first window of whole 3.6 kW minutes: 08:21..08:36
            assertThat(f.engine.forwardMaxDemand().at()).isEqualTo(local("2026-11-21T08:36:00"));
            f.engine.resetDemand(7);
            assertThat(f.engine.forwardMaxDemand().milliwatts()).isZero();
            assertThat(f.engine.events(EventType.DEMAND_RESET)).singleElement()
                    .satisfies(e -> assertThat(e.value1()).isEqualTo(3_600_000));
        }
    }

    @Test
    void loadProfileHasNinetySixPointsADay() throws Exception {
        try (EngineFixture f = new EngineFixture(dir, local("2026-11-21T00:00:00"))) {
            for (int i = 0; i < 96 * 15; i++) {
                f.step(Duration.ofMinutes(1), 100);
            }
            List<LoadProfilePoint> p = f.engine.profile();
            assertThat(p).hasSize(96);
            assertThat(p.get(0).at()).isEqualTo(local("2026-11-21T00:15:00"));
            assertThat(p.get(95).at()).isEqualTo(local("2026-11-22T00:00:00"));
            for (int i = 1; i < p.size(); i++) {
                assertThat(p.get(i).forwardActiveMwh()).isGreaterThan(p.get(i - 1).forwardActiveMwh());
            }
        }
    }

    @Test
    void powerDownIsRecordedAndMissedDailyFreezesAreMadeUpWithTheStoredRegisters() throws Exception {
        try (EngineFixture f = new EngineFixture(dir, local("2026-11-21T22:00:00"))) {
            f.run(100, 1000);
            long before = f.engine.registers().total(EnergyKind.FORWARD_ACTIVE);
            f.clock.advance(Duration.ofDays(3)); // off for three days
            f.restart();
            assertThat(f.engine.events(EventType.POWER_DOWN)).singleElement().satisfies(e -> {
                assertThat(e.start()).isEqualTo(local("2026-11-21T22:01:40"));
                assertThat(e.end()).isEqualTo(local("2026-11-24T22:01:40"));
            });
            List<FreezeRecord> daily = f.engine.freezes(FreezeKind.DAILY);
            assertThat(daily).extracting(FreezeRecord::at).containsExactly(
                    local("2026-11-24T00:00:00"), local("2026-11-23T00:00:00"), local("2026-11-22T00:00:00"));
            assertThat(daily).allSatisfy(r -> assertThat(r.registers().total(EnergyKind.FORWARD_ACTIVE)).isEqualTo(before));
            f.restart(); // a second start right away is no power failure and freezes nothing again
            assertThat(f.engine.events(EventType.POWER_DOWN)).hasSize(1);
            assertThat(f.engine.freezes(FreezeKind.DAILY)).hasSize(3);
        }
    }

    @Test
    void registersSurviveARestartExactly() throws Exception {
        try (EngineFixture f = new EngineFixture(dir, local("2026-11-21T12:00:00"))) {
            f.run(10, 1234);
            var before = f.engine.registers();
            f.restart();
            assertThat(f.engine.registers()).isEqualTo(before);
        }
    }

    @Test
    void meterClearLeavesZeroRegistersAndOneClearEvent() throws Exception {
        try (EngineFixture f = new EngineFixture(dir, local("2026-11-21T23:59:00"))) {
            f.run(120, 1000);
            f.engine.clearMeter(99);
            assertThat(f.engine.registers().total(EnergyKind.FORWARD_ACTIVE)).isZero();
            assertThat(f.engine.freezes(FreezeKind.DAILY)).isEmpty();
            assertThat(f.engine.events(EventType.METER_CLEAR)).singleElement()
                    .satisfies(e -> assertThat(e.value1()).isEqualTo(120_000));
            f.restart();
            assertThat(f.engine.registers().total(EnergyKind.FORWARD_ACTIVE)).isZero();
            assertThat(f.engine.eventCount(EventType.METER_CLEAR)).isEqualTo(1);
        }
    }

    @Test
    void clockSetIsRecordedWithBothTimes() throws Exception {
        try (EngineFixture f = new EngineFixture(dir, local("2026-11-21T12:00:00"))) {
            f.engine.setClock(local("2026-11-21T12:03:00"), 5);
            assertThat(f.engine.localNow().toLocalTime()).isEqualTo(LocalTime.of(12, 3));
            assertThat(f.engine.events(EventType.CLOCK_CHANGE)).singleElement().satisfies(e -> {
                assertThat(e.value1()).isEqualTo(local("2026-11-21T12:00:00").getEpochSecond());
                assertThat(e.value2()).isEqualTo(local("2026-11-21T12:03:00").getEpochSecond());
                assertThat(e.operator()).isEqualTo(5);
            });
            f.restart();
            assertThat(f.engine.localNow().toLocalTime()).as("the offset persists").isEqualTo(LocalTime.of(12, 3));
        }
    }

    @Test
    void dayTablesRefuseMoreThanEightPeriodsOrOffQuarterStarts() {
        var nine = new java.util.ArrayList<DailyPeriod>();
        for (int i = 0; i < 9; i++) {
            nine.add(new DailyPeriod(LocalTime.of(i, 0), Tariff.T1_SHARP));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DayTable.of(nine)).hasMessageContaining("at most 8");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DailyPeriod(LocalTime.of(7, 10), Tariff.T1_SHARP))
                .hasMessageContaining("quarter hour");
        assertThat(DayTable.typical().tariffAt(LocalTime.of(2, 0))).as("last period runs past midnight").isEqualTo(Tariff.T4_VALLEY);
    }

    @Test
    void parametersRoundTrip() {
        var p = MeterParameters.defaults(EngineFixture.ADDRESS).withSettlement(15, 8).withCombinedWord(0x09)
                .withTou(org.openami.meter.tariff.TouSchedule.typical().withSwitchOver(Optional.of(LocalDateTime.parse("2027-01-01T00:00"))));
        assertThat(MeterParameters.decode(p.encode())).isEqualTo(p);
        assertThat(p.combined(1000, 300)).isEqualTo(1000 - 300);
    }
}
