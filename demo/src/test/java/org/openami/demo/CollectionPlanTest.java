package org.openami.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openami.concentrator.model.ReadingKind;

class CollectionPlanTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(ZONE).toInstant();
    }

    @Test
    void fourHoursFromTwentyToMidnightDueTheClosedQuartersAndOneDailyFreeze() {
        CollectionPlan plan = new CollectionPlan(ZONE, at("2026-11-20T23:40"));
        List<CollectionPlan.Due> due = plan.dueBy(at("2026-11-21T03:40"));

        List<Instant> quarters = due.stream().filter(d -> d.kind() == ReadingKind.CURVE).map(CollectionPlan.Due::dataTime).toList();
        // 23:30 began before the start; 03:30 closes at 03:46
        assertThat(quarters).first().isEqualTo(at("2026-11-20T23:45"));
        assertThat(quarters).last().isEqualTo(at("2026-11-21T03:15"));
        assertThat(quarters).hasSize(15);
        assertThat(due).filteredOn(d -> d.kind() == ReadingKind.DAILY_FREEZE)
                .containsExactly(new CollectionPlan.Due(ReadingKind.DAILY_FREEZE, at("2026-11-20T00:00"), at("2026-11-21T00:00")));
        assertThat(due).noneMatch(d -> d.kind() == ReadingKind.MONTHLY_FREEZE);
    }

    @Test
    void aFreezeIsDueAnHourAfterItsWindowOpens() {
        CollectionPlan plan = new CollectionPlan(ZONE, at("2026-11-20T23:40"));
        assertThat(plan.dueBy(at("2026-11-21T01:04"))).noneMatch(d -> d.kind() == ReadingKind.DAILY_FREEZE);
        assertThat(plan.dueBy(at("2026-11-21T01:05"))).anyMatch(d -> d.kind() == ReadingKind.DAILY_FREEZE);
        assertThat(plan.lastDueDay(at("2026-11-21T01:04"))).isEmpty();
        assertThat(plan.lastDueDay(at("2026-11-21T01:05"))).contains(at("2026-11-20T00:00"));
        assertThat(plan.lastOpenedDay(at("2026-11-21T00:04"))).isEmpty();
        assertThat(plan.lastOpenedDay(at("2026-11-21T00:05"))).contains(at("2026-11-20T00:00"));
    }

    @Test
    void crossingTheSettlementDayDuesTheMonthlyFreezeOfTheMonthThatClosed() {
        CollectionPlan plan = new CollectionPlan(ZONE, at("2026-11-30T23:40"));
        assertThat(plan.dueBy(at("2026-12-01T02:00"))).filteredOn(d -> d.kind() == ReadingKind.MONTHLY_FREEZE)
                .containsExactly(new CollectionPlan.Due(ReadingKind.MONTHLY_FREEZE, at("2026-11-01T00:00"), at("2026-12-01T00:00")));
    }

    @Test
    void aMidnightBeforeTheStartOwesNoFreeze() {
        CollectionPlan plan = new CollectionPlan(ZONE, at("2026-11-21T00:10"));
        assertThat(plan.dueBy(at("2026-11-21T12:00"))).noneMatch(d -> d.kind() == ReadingKind.DAILY_FREEZE);
        assertThat(plan.lastOpenedDay(at("2026-11-21T12:00"))).isEmpty();
        assertThat(plan.dueBy(at("2026-11-22T01:05"))).filteredOn(d -> d.kind() == ReadingKind.DAILY_FREEZE)
                .extracting(CollectionPlan.Due::dataTime).containsExactly(at("2026-11-21T00:00"));
    }

    @Test
    void theLastDueQuarterIsTheOneWhoseWindowClosed() {
        CollectionPlan plan = new CollectionPlan(ZONE, at("2026-11-20T23:40"));
        assertThat(plan.lastDueQuarter(at("2026-11-21T00:00:59"))).isEmpty();
        assertThat(plan.lastDueQuarter(at("2026-11-21T00:01"))).contains(at("2026-11-20T23:45"));
        assertThat(plan.lastDueQuarter(at("2026-11-21T00:15:59"))).contains(at("2026-11-20T23:45"));
        assertThat(plan.lastDueQuarter(at("2026-11-21T00:16"))).contains(at("2026-11-21T00:00"));
    }

    @Test
    void theNextFreezeWindowIsFiveMinutesPastTheComingMidnight() {
        CollectionPlan plan = new CollectionPlan(ZONE, at("2026-11-20T23:40"));
        assertThat(plan.nextFreezeWindow(at("2026-11-20T23:40"))).isEqualTo(at("2026-11-21T00:05"));
        assertThat(plan.nextFreezeWindow(at("2026-11-21T00:04"))).isEqualTo(at("2026-11-21T00:05"));
        assertThat(plan.nextFreezeWindow(at("2026-11-21T00:05"))).isEqualTo(at("2026-11-22T00:05"));
    }
}
