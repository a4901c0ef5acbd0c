package org.openami.concentrator.prepay;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.Set;
import java.util.TreeSet;

/**
 * When trips are withheld: a nightly window (e.g. 22:00 to 07:00, crossing midnight when
 * {@code nightFrom} is after {@code nightTo}), whole Saturdays and Sundays if {@code weekends},
 * and whole holiday dates, all in local time of {@code zone}. A trip that falls due in a
 * protected instant is carried out at {@link #windowEnd(Instant)}: the first instant after it
 * that is not protected, across adjoining windows (Friday night, the weekend and Monday morning
 * up to 07:00 are one span). Immutable.
 *
 * @param zone      the zone of the local times and dates
 * @param nightFrom start of the nightly window (inclusive), or {@code null} for none
 * @param nightTo   end of the nightly window (exclusive), or {@code null} for none; differs from {@code nightFrom}
 * @param weekends  whether Saturdays and Sundays are protected all day
 * @param holidays  protected dates (at most {@value #MAX_HOLIDAYS})
 */
public record ProtectedWindows(ZoneId zone, LocalTime nightFrom, LocalTime nightTo, boolean weekends,
                               Set<LocalDate> holidays) {

    /** Most holiday dates. */
    public static final int MAX_HOLIDAYS = 5_000;
    /** Steps {@link #windowEnd} takes at most: more than the longest possible run of protected days. */
    private static final int MAX_STEPS = 2 * MAX_HOLIDAYS + 1_000;

    public ProtectedWindows {
        if (zone == null) {
            throw new PolicyException("windows.zone", "missing");
        }
        if ((nightFrom == null) != (nightTo == null)) {
            throw new PolicyException("windows.night", "needs both a start and an end");
        }
        if (nightFrom != null && nightFrom.equals(nightTo)) {
            throw new PolicyException("windows.night", "start and end are both " + nightFrom + "; leave it out for no nightly window");
        }
        holidays = holidays == null ? Set.of() : Set.copyOf(new TreeSet<>(holidays));
        if (holidays.size() > MAX_HOLIDAYS) {
            throw new PolicyException("windows.holidays", holidays.size() + " dates; at most " + MAX_HOLIDAYS);
        }
    }

    /** No protected time at all: every warranted trip is carried out at once. */
    public static ProtectedWindows none(ZoneId zone) {
        return new ProtectedWindows(zone, null, null, false, Set.of());
    }

    /** Whether a trip at {@code t} is withheld. */
    public boolean isProtected(Instant t) {
        ZonedDateTime local = t.atZone(zone);
        return dayProtected(local.toLocalDate()) || inNight(local.toLocalTime());
    }

    /**
     * The first instant at or after {@code t} that is not protected: {@code t} itself if it is
     * not protected, else the end of the protected span that contains it.
     */
    public Instant windowEnd(Instant t) {
        Instant cur = t;
        for (int step = 0; step < MAX_STEPS; step++) {
            ZonedDateTime local = cur.atZone(zone);
            LocalDate date = local.toLocalDate();
            LocalTime time = local.toLocalTime();
            boolean day = dayProtected(date);
            boolean night = inNight(time);
            if (!day && !night) {
                return cur;
            }
            Instant next = cur;
            if (day) {
                next = later(next, date.plusDays(1).atStartOfDay(zone).toInstant());
            }
            if (night) {
                // a window crossing midnight ends tomorrow if we are in its evening part
                LocalDate endDate = nightFrom.isAfter(nightTo) && !time.isBefore(nightFrom) ? date.plusDays(1) : date;
                next = later(next, firstInstantAt(endDate.atTime(nightTo)));
            }
            if (!next.isAfter(cur)) {
                // a local time skipped by a clock change: move on by the smallest step that must leave it
                next = cur.plusSeconds(60);
            }
            cur = next;
        }
        return cur;
    }

    /** The first instant whose local time is {@code t} or, if a clock change skips {@code t}, the end of that gap. */
    private Instant firstInstantAt(LocalDateTime t) {
        ZoneOffsetTransition gap = zone.getRules().getTransition(t);
        if (gap != null && gap.isGap()) {
            return gap.getInstant();
        }
        return ZonedDateTime.of(t, zone).toInstant();
    }

    private static Instant later(Instant a, Instant b) {
        return b.isAfter(a) ? b : a;
    }

    private boolean dayProtected(LocalDate date) {
        if (weekends && (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY)) {
            return true;
        }
        return holidays.contains(date);
    }

    private boolean inNight(LocalTime time) {
        if (nightFrom == null) {
            return false;
        }
        if (nightFrom.isBefore(nightTo)) {
            return !time.isBefore(nightFrom) && time.isBefore(nightTo);
        }
        return !time.isBefore(nightFrom) || time.isBefore(nightTo);
    }
}
