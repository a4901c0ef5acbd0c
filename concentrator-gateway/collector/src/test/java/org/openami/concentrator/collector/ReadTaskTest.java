package org.openami.concentrator.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

class ReadTaskTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void dailyFreezeDataTimeIsMidnightAtTheStartOfTheDayInTheZone() {
        ReadTask.DailyFreeze f = new ReadTask.DailyFreeze(LocalDate.of(2024, 3, 31));
        assertThat(f.dataTime(SHANGHAI)).isEqualTo(ZonedDateTime.parse("2024-03-30T16:00:00Z").toInstant().toEpochMilli());
        assertThat(f.dataTime(BERLIN)).isEqualTo(ZonedDateTime.parse("2024-03-30T23:00:00Z").toInstant().toEpochMilli());
        assertThat(f.key(12, SHANGHAI)).contains(new Reading.Key(12, ReadingKind.DAILY_FREEZE,
                Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, f.dataTime(SHANGHAI)));
        assertThat(f.daysBack(LocalDate.of(2024, 4, 1))).isEqualTo(1);
        assertThat(f.daysBack(LocalDate.of(2024, 4, 3))).isEqualTo(3);
    }

    @Test
    void monthlyFreezeDataTimeIsTheFirstOfTheMonth() {
        ReadTask.MonthlyFreeze m = new ReadTask.MonthlyFreeze(YearMonth.of(2024, 4));
        assertThat(m.dataTime(SHANGHAI)).isEqualTo(ZonedDateTime.parse("2024-03-31T16:00:00Z").toInstant().toEpochMilli());
        assertThat(m.kind()).isEqualTo(ReadingKind.MONTHLY_FREEZE);
        assertThat(m.monthsBack(YearMonth.of(2024, 5))).isEqualTo(1);
        assertThat(m.monthsBack(YearMonth.of(2025, 1))).isEqualTo(9);
    }

    @Test
    void curvePointsAreOnQuarterHours() {
        long q = ZonedDateTime.parse("2024-05-01T10:15:00+08:00").toInstant().toEpochMilli();
        assertThat(new ReadTask.CurvePoint(q).dataTime(SHANGHAI)).isEqualTo(q);
        assertThatThrownBy(() -> new ReadTask.CurvePoint(q + 60_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not on a quarter hour");
    }

    @Test
    void realtimeNeedsQuantitiesAndHasNoKey() {
        assertThatThrownBy(() -> new ReadTask.Realtime(Set.of())).isInstanceOf(IllegalArgumentException.class);
        ReadTask.Realtime r = new ReadTask.Realtime(Set.of(Quantity.FREQUENCY));
        assertThat(r.key(1, SHANGHAI)).isEmpty();
        assertThatThrownBy(() -> r.dataTime(SHANGHAI)).isInstanceOf(UnsupportedOperationException.class);
    }
}
