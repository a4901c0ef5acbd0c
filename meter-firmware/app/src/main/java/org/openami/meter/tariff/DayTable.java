package org.openami.meter.tariff;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.openami.meter.register.Tariff;

/**
 * A day's time-of-use table (日时段表): up to {@value #MAX_PERIODS} periods, each starting on
 * a quarter hour. The last period of the day runs on past midnight until the first one
 * starts, as on real meters. Immutable.
 */
public final class DayTable {

    /** Most periods a day may have (DL/T 645-2007 allows 14; the issue asks for 8). */
    public static final int MAX_PERIODS = 8;

    private final List<DailyPeriod> periods;

    private DayTable(List<DailyPeriod> sorted) {
        this.periods = List.copyOf(sorted);
    }

    /**
     * @throws IllegalArgumentException if there are no periods, more than {@value #MAX_PERIODS},
     *                                  or two start at the same time
     */
    public static DayTable of(List<DailyPeriod> periods) {
        if (periods.isEmpty()) {
            throw new IllegalArgumentException("a day table needs at least one period");
        }
        if (periods.size() > MAX_PERIODS) {
            throw new IllegalArgumentException("a day table has at most " + MAX_PERIODS + " periods, got " + periods.size());
        }
        List<DailyPeriod> sorted = new ArrayList<>(periods);
        sorted.sort(Comparator.comparing(DailyPeriod::start));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).start().equals(sorted.get(i - 1).start())) {
                throw new IllegalArgumentException("two periods start at " + sorted.get(i).start());
            }
        }
        return new DayTable(sorted);
    }

    /** One tariff all day. */
    public static DayTable flat(Tariff t) {
        return of(List.of(new DailyPeriod(LocalTime.MIDNIGHT, t)));
    }

    /**
     * A common Chinese residential/commercial layout: valley 23:00-07:00, flat 07:00-10:00,
     * peak 10:00-15:00, flat 15:00-18:00, sharp 18:00-21:00, peak 21:00-23:00.
     */
    public static DayTable typical() {
        return of(List.of(
                new DailyPeriod(LocalTime.of(7, 0), Tariff.T3_FLAT),
                new DailyPeriod(LocalTime.of(10, 0), Tariff.T2_PEAK),
                new DailyPeriod(LocalTime.of(15, 0), Tariff.T3_FLAT),
                new DailyPeriod(LocalTime.of(18, 0), Tariff.T1_SHARP),
                new DailyPeriod(LocalTime.of(21, 0), Tariff.T2_PEAK),
                new DailyPeriod(LocalTime.of(23, 0), Tariff.T4_VALLEY)));
    }

    public List<DailyPeriod> periods() {
        return periods;
    }

    /** The tariff in force at {@code time}. */
    public Tariff tariffAt(LocalTime time) {
        DailyPeriod current = periods.get(periods.size() - 1); // runs over midnight
        for (DailyPeriod p : periods) {
            if (!p.start().isAfter(time)) {
                current = p;
            } else {
                break;
            }
        }
        return current.tariff();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DayTable d && d.periods.equals(periods);
    }

    @Override
    public int hashCode() {
        return periods.hashCode();
    }

    @Override
    public String toString() {
        return "DayTable" + periods;
    }
}
