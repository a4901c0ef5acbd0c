package org.openami.concentrator.collector;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

/**
 * What a {@link MeterReader} is asked to read from one meter. Immutable values; equal tasks
 * ask for the same data.
 *
 * <p>Every task fixes the {@link ReadingKind} and the {@link Reading#dataTime() data time} of
 * the readings it produces, so that the scheduler can ask the {@link CollectionSink} whether
 * a task's data is already stored ({@link #key(int, ZoneId)}). Readers must stamp readings
 * with exactly {@link #kind()} and {@link #dataTime(ZoneId)} (the zone is the
 * concentrator's configured zone).
 */
public sealed interface ReadTask
        permits ReadTask.Realtime, ReadTask.CurvePoint, ReadTask.DailyFreeze, ReadTask.MonthlyFreeze {

    /** The quantity whose reading stands for "this task's data is stored" in {@link #key(int, ZoneId)}. */
    Quantity KEY_QUANTITY = Quantity.ENERGY_FORWARD_ACTIVE_TOTAL;

    /** Length of a load-curve interval in milliseconds (15 minutes). */
    long QUARTER_MILLIS = 15 * 60 * 1000L;

    /** The kind of the readings this task produces. */
    ReadingKind kind();

    /**
     * The data time (epoch milliseconds) of the readings this task produces, in {@code zone}.
     *
     * @throws UnsupportedOperationException for {@link Realtime}, whose data time is the time
     *                                       the meter answered
     */
    long dataTime(ZoneId zone);

    /**
     * The key of this task's {@link #KEY_QUANTITY} reading for measurement point {@code point}:
     * when the sink has it, the task's data is collected. Empty for {@link Realtime}.
     */
    default Optional<Reading.Key> key(int point, ZoneId zone) {
        return Optional.of(new Reading.Key(point, kind(), KEY_QUANTITY, dataTime(zone)));
    }

    /**
     * Present values of {@code quantities}, read now (on-demand reads).
     *
     * @param quantities what to read; not empty
     */
    record Realtime(Set<Quantity> quantities) implements ReadTask {
        public Realtime {
            quantities = Set.copyOf(Objects.requireNonNull(quantities, "quantities"));
            if (quantities.isEmpty()) {
                throw new IllegalArgumentException("a real-time read needs at least one quantity");
            }
        }

        @Override
        public ReadingKind kind() {
            return ReadingKind.REALTIME;
        }

        @Override
        public long dataTime(ZoneId zone) {
            throw new UnsupportedOperationException("a real-time reading's data time is when the meter answered");
        }

        @Override
        public Optional<Reading.Key> key(int point, ZoneId zone) {
            return Optional.empty();
        }
    }

    /**
     * The meter's 15-minute load-curve record at {@code quarterStartMillis}: the registers as
     * they stood at that quarter hour. Readings carry {@link ReadingKind#CURVE} and data time
     * {@code quarterStartMillis}.
     *
     * @param quarterStartMillis epoch milliseconds of the quarter hour, a multiple of
     *                           {@link #QUARTER_MILLIS}
     */
    record CurvePoint(long quarterStartMillis) implements ReadTask {
        public CurvePoint {
            if (Math.floorMod(quarterStartMillis, QUARTER_MILLIS) != 0) {
                throw new IllegalArgumentException("curve point " + quarterStartMillis + " is not on a quarter hour");
            }
        }

        @Override
        public ReadingKind kind() {
            return ReadingKind.CURVE;
        }

        @Override
        public long dataTime(ZoneId zone) {
            return quarterStartMillis;
        }
    }

    /**
     * The meter's daily freeze that closes {@code day}: the registers the meter froze at the
     * midnight that ends {@code day}. Readings carry {@link ReadingKind#DAILY_FREEZE} and data
     * time 00:00 local at the start of {@code day} (the day the data is for). Collected from
     * 00:05 on the following day: on day {@code today} this is the meter's daily freeze
     * {@link #daysBack(LocalDate) today − day} freezes back (DL/T 645-2007 {@code 050601NN}
     * with {@code NN = daysBack}; 1 = the latest freeze).
     *
     * @param day the day the freeze closes
     */
    record DailyFreeze(LocalDate day) implements ReadTask {
        public DailyFreeze {
            Objects.requireNonNull(day, "day");
        }

        @Override
        public ReadingKind kind() {
            return ReadingKind.DAILY_FREEZE;
        }

        @Override
        public long dataTime(ZoneId zone) {
            return day.atStartOfDay(zone).toInstant().toEpochMilli();
        }

        /**
         * How many daily freezes back this one is on {@code today}: 1 for yesterday's.
         * Zero or negative means the freeze has not happened yet.
         */
        public int daysBack(LocalDate today) {
            return Math.toIntExact(ChronoUnit.DAYS.between(day, today));
        }
    }

    /**
     * The meter's monthly (settlement) freeze that closes {@code month}, taken on the
     * settlement day of the following month. Readings carry {@link ReadingKind#MONTHLY_FREEZE}
     * and data time 00:00 local of the 1st of {@code month}. On or after the settlement day of
     * month {@code current} this is the settlement {@link #monthsBack(YearMonth) current − month}
     * back (DL/T 645-2007 energy identifiers ending in {@code NN = monthsBack}).
     *
     * @param month the billing month the freeze closes
     */
    record MonthlyFreeze(YearMonth month) implements ReadTask {
        public MonthlyFreeze {
            Objects.requireNonNull(month, "month");
        }

        @Override
        public ReadingKind kind() {
            return ReadingKind.MONTHLY_FREEZE;
        }

        @Override
        public long dataTime(ZoneId zone) {
            return month.atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
        }

        /** How many settlements back this one is in month {@code current} (after its settlement day): 1 for last month's. */
        public int monthsBack(YearMonth current) {
            return Math.toIntExact(ChronoUnit.MONTHS.between(month, current));
        }
    }
}
