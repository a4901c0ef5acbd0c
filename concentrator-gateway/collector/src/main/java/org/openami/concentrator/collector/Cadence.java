package org.openami.concentrator.collector;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When the windows of one task kind open and close. Periods are numbered by a {@code long}
 * index (a quarter, an epoch day, a month) so that the scheduler can keep one cursor per
 * cadence and detect skipped periods. Pure functions of the settings and the zone; immutable.
 *
 * <p>Wall-clock times use {@link ZonedDateTime#of}: a time that falls in a DST gap moves
 * later by the gap, a time in an overlap takes the earlier offset.
 */
abstract class Cadence {

    final TaskKind kind;
    final ZoneId zone;

    Cadence(TaskKind kind, ZoneId zone) {
        this.kind = kind;
        this.zone = zone;
    }

    /** The latest period whose window opens at or before {@code now}. */
    abstract long latest(long now);

    /** Epoch milliseconds the window of {@code period} opens. */
    abstract long openAt(long period);

    /** Epoch milliseconds the window of {@code period} closes (exclusive). */
    abstract long endAt(long period);

    /** The day the window of {@code period} is counted on in the statistics. */
    abstract LocalDate statisticsDay(long period);

    /** Something a log line can show ("curve 2024-05-01T10:15+08:00"). */
    abstract String describe(long period);

    final long at(LocalDate day, LocalTime time) {
        return ZonedDateTime.of(day, time, zone).toInstant().toEpochMilli();
    }

    final LocalDate dayOf(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(zone).toLocalDate();
    }

    /** Quarter-hour load-curve points; period = epoch quarter index. */
    static final class Curve extends Cadence {
        private final long offset;

        Curve(ZoneId zone, CollectorSettings s) {
            super(TaskKind.CURVE, zone);
            this.offset = s.curveOffset().toMillis();
        }

        @Override
        long latest(long now) {
            return Math.floorDiv(now - offset, ReadTask.QUARTER_MILLIS);
        }

        @Override
        long openAt(long period) {
            return period * ReadTask.QUARTER_MILLIS + offset;
        }

        @Override
        long endAt(long period) {
            return (period + 1) * ReadTask.QUARTER_MILLIS + offset;
        }

        @Override
        LocalDate statisticsDay(long period) {
            return dayOf(period * ReadTask.QUARTER_MILLIS);
        }

        @Override
        String describe(long period) {
            return "curve point " + Instant.ofEpochMilli(period * ReadTask.QUARTER_MILLIS).atZone(zone).toOffsetDateTime();
        }
    }

    /** Daily freeze of the data day; period = epoch day of the day the freeze closes. */
    static final class Daily extends Cadence {
        private final LocalTime start;
        private final LocalTime end;

        Daily(ZoneId zone, CollectorSettings s) {
            super(TaskKind.DAILY_FREEZE, zone);
            this.start = s.dailyStart();
            this.end = s.dailyEnd();
        }

        @Override
        long latest(long now) {
            LocalDate today = dayOf(now);
            return (now >= at(today, start) ? today.minusDays(1) : today.minusDays(2)).toEpochDay();
        }

        @Override
        long openAt(long period) {
            return at(LocalDate.ofEpochDay(period + 1), start);
        }

        @Override
        long endAt(long period) {
            return at(LocalDate.ofEpochDay(period + 1), end);
        }

        @Override
        LocalDate statisticsDay(long period) {
            return LocalDate.ofEpochDay(period + 1);
        }

        @Override
        String describe(long period) {
            return "daily freeze of " + LocalDate.ofEpochDay(period);
        }
    }

    /** One back-fill run a day; period = epoch day of the run. */
    static final class Backfill extends Cadence {
        private final LocalTime start;
        private final LocalTime end;

        Backfill(ZoneId zone, CollectorSettings s) {
            super(TaskKind.BACKFILL, zone);
            this.start = s.dailyStart();
            this.end = s.dailyEnd();
        }

        @Override
        long latest(long now) {
            LocalDate today = dayOf(now);
            return (now >= at(today, start) ? today : today.minusDays(1)).toEpochDay();
        }

        @Override
        long openAt(long period) {
            return at(LocalDate.ofEpochDay(period), start);
        }

        @Override
        long endAt(long period) {
            return at(LocalDate.ofEpochDay(period), end);
        }

        @Override
        LocalDate statisticsDay(long period) {
            return LocalDate.ofEpochDay(period);
        }

        @Override
        String describe(long period) {
            return "back-fill of " + LocalDate.ofEpochDay(period);
        }
    }

    /** Monthly freeze; period = index (year * 12 + month - 1) of the month the freeze closes. */
    static final class Monthly extends Cadence {
        private final LocalTime start;
        private final LocalTime end;
        private final int settlementDay;

        Monthly(ZoneId zone, CollectorSettings s) {
            super(TaskKind.MONTHLY_FREEZE, zone);
            this.start = s.dailyStart();
            this.end = s.dailyEnd();
            this.settlementDay = s.settlementDay();
        }

        static long index(YearMonth m) {
            return m.getYear() * 12L + m.getMonthValue() - 1;
        }

        static YearMonth month(long index) {
            return YearMonth.of(Math.toIntExact(Math.floorDiv(index, 12)), (int) Math.floorMod(index, 12) + 1);
        }

        private LocalDate settlement(long period) {
            return month(period).plusMonths(1).atDay(settlementDay);
        }

        @Override
        long latest(long now) {
            YearMonth current = YearMonth.from(dayOf(now));
            long candidate = index(current.minusMonths(1));
            return now >= openAt(candidate) ? candidate : candidate - 1;
        }

        @Override
        long openAt(long period) {
            return at(settlement(period), start);
        }

        @Override
        long endAt(long period) {
            return at(settlement(period), end);
        }

        @Override
        LocalDate statisticsDay(long period) {
            return settlement(period);
        }

        @Override
        String describe(long period) {
            return "monthly freeze of " + month(period);
        }
    }
}
