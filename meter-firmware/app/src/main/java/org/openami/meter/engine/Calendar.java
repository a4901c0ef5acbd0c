package org.openami.meter.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The boundaries the meter acts on (quarter hours, midnights, settlement times), found in
 * a span of its local time. Pure functions of the zone.
 */
final class Calendar {

    /** Most boundaries of one kind returned for one span, so a clock far in the future cannot flood the journal. */
    static final int MAX_BOUNDARIES = 62;

    private final ZoneId zone;

    Calendar(ZoneId zone) {
        this.zone = zone;
    }

    ZoneId zone() {
        return zone;
    }

    LocalDateTime local(Instant t) {
        return LocalDateTime.ofInstant(t, zone);
    }

    Instant instant(LocalDateTime t) {
        return t.atZone(zone).toInstant();
    }

    /** Midnights in {@code (from, to]}, the latest {@link #MAX_BOUNDARIES} of them. */
    List<Instant> midnights(Instant from, Instant to) {
        List<Instant> out = new ArrayList<>();
        LocalDate d = local(to).toLocalDate();
        while (out.size() < MAX_BOUNDARIES) {
            Instant m = instant(d.atStartOfDay());
            if (!m.isAfter(from)) {
                break;
            }
            if (!m.isAfter(to)) {
                out.add(0, m);
            }
            d = d.minusDays(1);
        }
        return out;
    }

    /** Settlement times (day {@code day}, hour {@code hour}) in {@code (from, to]}, at most 12. */
    List<Instant> settlements(Instant from, Instant to, int day, int hour) {
        List<Instant> out = new ArrayList<>();
        LocalDateTime t = local(to).withDayOfMonth(day).withHour(hour).truncatedTo(ChronoUnit.HOURS);
        while (out.size() < 12) {
            Instant s = instant(t);
            if (!s.isAfter(from)) {
                break;
            }
            if (!s.isAfter(to)) {
                out.add(0, s);
            }
            t = t.minusMonths(1);
        }
        return out;
    }

    /** Multiples of {@code step} (of local time since midnight) in {@code (from, to]}, the latest {@code max}. */
    List<Instant> every(Duration step, Instant from, Instant to, int max) {
        List<Instant> out = new ArrayList<>();
        LocalDateTime lt = local(to);
        long stepS = step.toSeconds();
        long sinceMidnight = lt.toLocalTime().toSecondOfDay();
        LocalDateTime b = lt.toLocalDate().atStartOfDay().plusSeconds(sinceMidnight / stepS * stepS);
        while (out.size() < max) {
            Instant i = instant(b);
            if (!i.isAfter(from)) {
                break;
            }
            out.add(0, i);
            b = b.minusSeconds(stepS);
        }
        return out;
    }
}
