package org.openami.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openami.concentrator.model.ReadingKind;

/**
 * What the concentrator's collection schedule (docs/concentrator.md) has to have read between
 * the start of simulated time and a later instant, with the collector settings the demo uses:
 * load-curve points every quarter hour read from {@code curveOffset} after it, the daily
 * freeze of each day that closed read from {@code dailyStart}, the monthly freeze on the
 * settlement day from {@code dailyStart}.
 *
 * <p>A task is <em>due</em> once its window has had time to finish: a curve point when its
 * window closed (the next quarter hour plus the offset), a freeze {@code freezeGrace} after its
 * window opened (the first round and a few retry rounds). Only tasks for data that came into
 * being after the start count: curve quarters beginning at or after it, freezes taken at
 * midnights (settlements) after it; data from before the start never existed on the demo's new
 * meters. Pure arithmetic; immutable.
 */
public final class CollectionPlan {

    /** The collector's default curve offset, which the demo keeps. */
    public static final Duration CURVE_OFFSET = Duration.ofMinutes(1);
    /** The collector's default daily start, which the demo keeps. */
    public static final LocalTime DAILY_START = LocalTime.of(0, 5);
    /** The collector's (and the meters') default settlement day. */
    public static final int SETTLEMENT_DAY = 1;
    /** How long after its window opens a freeze counts as due: a first round and several retry rounds. */
    public static final Duration FREEZE_GRACE = Duration.ofHours(1);

    private static final long QUARTER = Duration.ofMinutes(15).toMillis();

    /**
     * One due task of the schedule for every meter.
     *
     * @param kind     curve point, daily or monthly freeze
     * @param dataTime the data time the readings carry (quarter start; the day's or month's first midnight)
     * @param meterAt  when the meter took the data (the profile point's quarter, the freeze's midnight)
     */
    public record Due(ReadingKind kind, Instant dataTime, Instant meterAt) {
    }

    private final ZoneId zone;
    private final Instant start;

    public CollectionPlan(ZoneId zone, Instant start) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.start = Objects.requireNonNull(start, "start");
    }

    public Instant start() {
        return start;
    }

    /** Every task due by {@code end}: curve points first, then daily, then monthly freezes, each in time order. */
    public List<Due> dueBy(Instant end) {
        List<Due> out = new ArrayList<>();
        for (long q = firstQuarter(); curveDueAt(q) <= end.toEpochMilli(); q += QUARTER) {
            Instant at = Instant.ofEpochMilli(q);
            out.add(new Due(ReadingKind.CURVE, at, at));
        }
        for (LocalDate day = start.atZone(zone).toLocalDate(); ; day = day.plusDays(1)) {
            Instant midnight = day.plusDays(1).atStartOfDay(zone).toInstant();
            if (freezeDueAt(day.plusDays(1)).isAfter(end)) {
                break;
            }
            if (midnight.isAfter(start)) {
                out.add(new Due(ReadingKind.DAILY_FREEZE, day.atStartOfDay(zone).toInstant(), midnight));
            }
        }
        for (YearMonth month = YearMonth.from(start.atZone(zone)).minusMonths(1); ; month = month.plusMonths(1)) {
            LocalDate settlement = month.plusMonths(1).atDay(SETTLEMENT_DAY);
            if (freezeDueAt(settlement).isAfter(end)) {
                break;
            }
            Instant at = settlement.atStartOfDay(zone).toInstant();
            if (at.isAfter(start)) {
                out.add(new Due(ReadingKind.MONTHLY_FREEZE, month.atDay(1).atStartOfDay(zone).toInstant(), at));
            }
        }
        return out;
    }

    /** The latest curve quarter due by {@code now}, if any. */
    public Optional<Instant> lastDueQuarter(Instant now) {
        long q = Math.floorDiv(now.toEpochMilli() - CURVE_OFFSET.toMillis(), QUARTER) * QUARTER - QUARTER;
        return q >= firstQuarter() ? Optional.of(Instant.ofEpochMilli(q)) : Optional.empty();
    }

    /** The data day (its first midnight) of the latest daily freeze due by {@code now}, if any. */
    public Optional<Instant> lastDueDay(Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate closing = freezeDueAt(today).isAfter(now) ? today.minusDays(1) : today;
        Instant midnight = closing.atStartOfDay(zone).toInstant();
        return midnight.isAfter(start) ? Optional.of(closing.minusDays(1).atStartOfDay(zone).toInstant()) : Optional.empty();
    }

    /**
     * The data day (its first midnight) of the latest daily freeze whose window has opened by
     * {@code now} (due or still being collected), if any: what a live view follows.
     */
    public Optional<Instant> lastOpenedDay(Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate closing = freezeWindowOpens(today).isAfter(now) ? today.minusDays(1) : today;
        Instant midnight = closing.atStartOfDay(zone).toInstant();
        return midnight.isAfter(start) ? Optional.of(closing.minusDays(1).atStartOfDay(zone).toInstant()) : Optional.empty();
    }

    /** When the next daily freeze window opens after {@code now}. */
    public Instant nextFreezeWindow(Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant open = freezeWindowOpens(today);
        return open.isAfter(now) ? open : freezeWindowOpens(today.plusDays(1));
    }

    /** When the daily freeze window of the day that closes at the first midnight of {@code closingDay} opens. */
    public Instant freezeWindowOpens(LocalDate closingDay) {
        return closingDay.atTime(DAILY_START).atZone(zone).toInstant();
    }

    private Instant freezeDueAt(LocalDate closingDay) {
        return freezeWindowOpens(closingDay).plus(FREEZE_GRACE);
    }

    private long firstQuarter() {
        return Math.floorDiv(start.toEpochMilli() + QUARTER - 1, QUARTER) * QUARTER;
    }

    private static long curveDueAt(long quarter) {
        return quarter + QUARTER + CURVE_OFFSET.toMillis();
    }
}
