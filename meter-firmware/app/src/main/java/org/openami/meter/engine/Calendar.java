package org.openami.meter.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

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
        return back(local(to).toLocalDate().atStartOfDay(), t -> t.minusDays(1), from, to, MAX_BOUNDARIES);
    }

    /** Settlement times (day {@code day}, hour {@code hour}) in {@code (from, to]}, at most 12. */
    List<Instant> settlements(Instant from, Instant to, int day, int hour) {
        LocalDateTime latest = local(to).withDayOfMonth(day).withHour(hour).truncatedTo(ChronoUnit.HOURS);
        return back(latest, t -> t.minusMonths(1), from, to, 12);
    }

    /** Multiples of {@code step} (of local time since midnight) in {@code (from, to]}, the latest {@code max}. */
    List<Instant> every(Duration step, Instant from, Instant to, int max) {
        LocalDateTime lt = local(to);
        long stepS = step.toSeconds();
        LocalDateTime latest = lt.toLocalDate().atStartOfDay().plusSeconds(lt.toLocalTime().toSecondOfDay() / stepS * stepS);
        return back(latest, t -> t.minusSeconds(stepS), from, to, max);
    }

    /**
     * Boundaries in {@code (from, to]}, oldest first: {@code latest} and those before it by
     * {@code previous}, at most {@code max} (the latest ones).
     */
    private List<Instant> back(LocalDateTime latest, UnaryOperator<LocalDateTime> previous, Instant from, Instant to, int max) {
        List<Instant> out = new ArrayList<>();
        for (LocalDateTime t = latest; out.size() < max; t = previous.apply(t)) {
            Instant i = instant(t);
            if (!i.isAfter(from)) {
                break;
            }
            if (!i.isAfter(to)) {
                out.add(0, i);
            }
        }
        return out;
    }
}
