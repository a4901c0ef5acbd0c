package org.openami.concentrator.prepay;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;

/**
 * Turns energy-register readings into consumption against an account's register baselines.
 *
 * <h2>Register instant</h2>
 * A reading's value belongs to an instant: {@link org.openami.concentrator.model.ReadingKind#REALTIME}
 * and {@code CURVE} readings to their data time; a {@code DAILY_FREEZE} (data time 00:00 of the
 * day it closes) to the following midnight, when the meter froze it; a {@code MONTHLY_FREEZE}
 * (data time 00:00 on the 1st of the month it closes) to 00:00 on the 1st of the next month (the
 * DL/T 645 default settlement day). Local times are in the policy's zone.
 *
 * <h2>Rules, per meter and register</h2>
 * Readings are taken in order of register instant. The first reading of a register is its
 * baseline. A reading at or before the baseline's instant is a duplicate or an older reading
 * and is ignored. A later reading with a value at least the baseline's is consumption of the
 * difference and becomes the baseline (a gap of missed readings is covered once by the next
 * one). A later reading that is lower by more than the reset threshold is a register reset or
 * rollover: it becomes the new baseline and nothing is charged for it (consumption between the
 * last reading and the reset is not known). A lower reading within the threshold is out of
 * step with the others (meter and concentrator clocks a little apart, a freeze read a little
 * late) and is ignored; charging it as a reset would charge the same energy twice.
 *
 * <p>Only forward active energy (total and T1..T4) is used; readings of other quantities, of
 * meters the account does not know, and with values outside 0..{@value #MAX_REGISTER_WH} Wh
 * are skipped and counted. Stateless.
 */
final class Consumption {

    /** Largest register value accepted (10<sup>12</sup> Wh = 1 TWh). */
    static final long MAX_REGISTER_WH = 1_000_000_000_000L;

    static final Set<Quantity> REGISTERS = EnumSet.of(Quantity.ENERGY_FORWARD_ACTIVE_TOTAL,
            Quantity.ENERGY_FORWARD_ACTIVE_T1, Quantity.ENERGY_FORWARD_ACTIVE_T2, Quantity.ENERGY_FORWARD_ACTIVE_T3,
            Quantity.ENERGY_FORWARD_ACTIVE_T4);

    /** One register reading at its register instant. */
    record Observation(String meter, Quantity quantity, long time, long valueWh) {
    }

    /**
     * What the readings of one meter at one register instant did: consumption deltas and notes
     * about new baselines (first readings, resets).
     */
    record Step(String meter, long time, List<RegisterDelta> deltas, List<String> baselines) {
    }

    /** Steps in order of register instant, and counts of what was skipped. */
    record Result(List<Step> steps, int duplicates, int stale, int foreignMeter, int invalid) {
    }

    private Consumption() {
    }

    /** The instant a reading's register value belongs to. */
    static long registerTime(Reading r, ZoneId zone) {
        return switch (r.kind()) {
            case REALTIME, CURVE -> r.dataTime();
            case DAILY_FREEZE -> {
                LocalDate day = Instant.ofEpochMilli(r.dataTime()).atZone(zone).toLocalDate();
                yield day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
            }
            case MONTHLY_FREEZE -> {
                LocalDate day = Instant.ofEpochMilli(r.dataTime()).atZone(zone).toLocalDate();
                yield day.withDayOfMonth(1).plusMonths(1).atStartOfDay(zone).toInstant().toEpochMilli();
            }
        };
    }

    /**
     * Applies {@code readings} to the draft's baselines (changing them) and returns the
     * consumption found. Readings of the spec's meter and of meters the draft has baselines for
     * are used.
     */
    static Result apply(AccountDraft d, String currentMeter, List<Reading> readings, ZoneId zone, long resetThresholdWh) {
        List<Observation> obs = new ArrayList<>(readings.size());
        int foreign = 0;
        int invalid = 0;
        for (Reading r : readings) {
            if (r == null || !REGISTERS.contains(r.quantity())) {
                continue;
            }
            if (!r.meter().equals(currentMeter) && !d.knowsMeter(r.meter())) {
                foreign++;
                continue;
            }
            if (r.value() < 0 || r.value() > MAX_REGISTER_WH) {
                invalid++;
                continue;
            }
            obs.add(new Observation(r.meter(), r.quantity(), registerTime(r, zone), r.value()));
        }
        obs.sort(Comparator.comparingLong(Observation::time).thenComparing(Observation::meter)
                .thenComparing(Observation::quantity).thenComparingLong(Observation::valueWh));
        List<Step> steps = new ArrayList<>();
        int duplicates = 0;
        int stale = 0;
        int i = 0;
        while (i < obs.size()) {
            Observation first = obs.get(i);
            List<RegisterDelta> deltas = new ArrayList<>(5);
            List<String> baselines = new ArrayList<>(2);
            boolean newMeter = !d.knowsMeter(first.meter());
            for (; i < obs.size() && obs.get(i).time() == first.time() && obs.get(i).meter().equals(first.meter()); i++) {
                Observation o = obs.get(i);
                RegisterMark mark = d.mark(o.meter(), o.quantity());
                RegisterMark next = new RegisterMark(o.meter(), o.quantity(), o.time(), o.valueWh());
                if (mark == null) {
                    d.setMark(next);
                    baselines.add(o.quantity() + " " + o.valueWh() + " Wh (first reading of "
                            + (newMeter ? "meter " + o.meter() : "this register") + ")");
                } else if (o.time() <= mark.time()) {
                    duplicates++;
                } else if (o.valueWh() >= mark.valueWh()) {
                    if (o.valueWh() > mark.valueWh()) {
                        deltas.add(new RegisterDelta(o.quantity(), mark.time(), mark.valueWh(), o.time(), o.valueWh()));
                    }
                    d.setMark(next);
                } else if (mark.valueWh() - o.valueWh() <= resetThresholdWh) {
                    stale++;
                } else {
                    d.setMark(next);
                    baselines.add(o.quantity() + " " + o.valueWh() + " Wh (fell from " + mark.valueWh()
                            + " Wh at " + Instant.ofEpochMilli(mark.time()) + ": reset or rollover)");
                }
            }
            if (!deltas.isEmpty() || !baselines.isEmpty()) {
                steps.add(new Step(first.meter(), first.time(), List.copyOf(deltas), List.copyOf(baselines)));
            }
        }
        return new Result(steps, duplicates, stale, foreign, invalid);
    }
}
