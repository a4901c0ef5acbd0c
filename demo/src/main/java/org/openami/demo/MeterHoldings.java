package org.openami.demo;

import java.time.Instant;
import java.util.Set;

/**
 * What a meter with memory (DL/T 645) holds that the concentrator's schedule reads: the
 * quarter hours of its load-profile points and the times of its daily and monthly freezes.
 * A meter without memory (Modbus) holds {@link #LIVE_ONLY}: its registers are read live.
 *
 * @param profile  instants of the load-profile points
 * @param daily    instants of the daily freezes (the midnights)
 * @param monthly  instants of the monthly settlements
 * @param memory   whether the meter keeps a profile and freezes at all
 */
public record MeterHoldings(Set<Instant> profile, Set<Instant> daily, Set<Instant> monthly, boolean memory) {

    /** A meter read live only: every quarter and every freeze the schedule asks for is there to read. */
    public static final MeterHoldings LIVE_ONLY = new MeterHoldings(Set.of(), Set.of(), Set.of(), false);

    public MeterHoldings {
        profile = Set.copyOf(profile);
        daily = Set.copyOf(daily);
        monthly = Set.copyOf(monthly);
    }

    boolean holdsProfile(Instant quarter) {
        return !memory || profile.contains(quarter);
    }

    boolean holdsDaily(Instant midnight) {
        return !memory || daily.contains(midnight);
    }

    boolean holdsMonthly(Instant settlement) {
        return !memory || monthly.contains(settlement);
    }
}
