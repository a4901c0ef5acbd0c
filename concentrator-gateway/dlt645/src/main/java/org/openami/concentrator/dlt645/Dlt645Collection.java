package org.openami.concentrator.dlt645;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.openami.concentrator.channel.ExchangeException;
import org.openami.concentrator.channel.FailureReason;
import org.openami.concentrator.channel.LineSettings;
import org.openami.concentrator.channel.Priority;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;
import org.openami.dlt645.DataIdentifier;
import org.openami.dlt645.MeterAddress;
import org.openami.dlt645.data.Bcd;
import org.openami.dlt645.data.ClockFormat;
import org.openami.dlt645.data.NumericFormat;

/**
 * What the collector asks of a DL/T 645 meter, as {@link Reading}s in integer units:
 * real-time values, 15-minute load-curve points (the meter's own profile, {@code 06000001}),
 * daily freezes ({@code 0506xxNN}) and monthly settlement data ({@code 0001FFss}).
 *
 * <p>Futures fail with {@link ExchangeException} when the exchange failed, with
 * {@link DataUnavailableException} when the meter does not hold the data (it was asked for a
 * day older than it keeps, a freeze that has not happened...), and with an
 * {@link ExchangeException} of reason {@link FailureReason#CORRUPT} when a reply's BCD is
 * invalid. Thread-safe; the clock and zone decide what "today" and "this month" are.
 */
public final class Dlt645Collection {

    /** Freezes a meter keeps (DL/T 645: 62 daily, 12 settlements). */
    public static final int MAX_DAYS_BACK = 62;
    public static final int MAX_SETTLEMENTS_BACK = 12;

    private static final int PROFILE_POINT_BYTES = 21;

    private final Dlt645Master master;
    private final Clock clock;
    private final ZoneId zone;

    public Dlt645Collection(Dlt645Master master, Clock clock, ZoneId zone) {
        this.master = Objects.requireNonNull(master, "master");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * Reads {@code quantities} now, one request each. A quantity the meter refuses (it has no
     * such register) is left out; the future fails only when nothing could be read.
     */
    public CompletableFuture<List<Reading>> realtime(int point, MeterAddress meter, LineSettings line,
            Set<Quantity> quantities, Priority priority) {
        List<CompletableFuture<Reading>> parts = new ArrayList<>();
        for (Quantity q : quantities) {
            Dlt645Items.Item item = Dlt645Items.of(q);
            parts.add(master.read(meter, item.di(), line, priority).thenApply(v -> {
                long now = clock.millis();
                return new Reading(point, meter.toString(), ReadingKind.REALTIME, q, now, decode(item, v, 0), now);
            }));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).handle((ok, err) -> {
            List<Reading> out = new ArrayList<>();
            Throwable firstHard = null;
            Throwable firstAny = null;
            for (CompletableFuture<Reading> f : parts) {
                try {
                    out.add(f.join());
                } catch (CompletionException e) {
                    Throwable cause = e.getCause();
                    firstAny = firstAny == null ? cause : firstAny;
                    if (!isRefusal(cause) && firstHard == null) {
                        firstHard = cause;
                    }
                }
            }
            if (firstHard != null) {
                throw new CompletionException(firstHard); // the exchange failed: the whole read is retried
            }
            if (out.isEmpty() && firstAny != null) {
                throw new CompletionException(firstAny);
            }
            return out;
        });
    }

    private static boolean isRefusal(Throwable t) {
        return t instanceof ExchangeException ee && ee.reason() == FailureReason.REFUSED;
    }

    /**
     * The meter's load-profile point of the quarter hour starting at {@code quarterStartMillis}:
     * phase-A voltage and current, total active power, forward and reverse active energy.
     * A meter that has no profile (it refuses {@code 06000001}) is read in real time instead,
     * as long as the quarter has not ended; the readings are then stamped with the quarter.
     */
    public CompletableFuture<List<Reading>> curvePoint(int point, MeterAddress meter, LineSettings line,
            long quarterStartMillis, Priority priority) {
        LocalDateTime start = LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(quarterStartMillis), zone);
        byte[] extra = new byte[1 + ClockFormat.MINUTE_SIZE];
        extra[0] = Bcd.fromInt(1);
        System.arraycopy(ClockFormat.encodeMinute(start), 0, extra, 1, ClockFormat.MINUTE_SIZE);
        String who = meter.toString();
        return master.read(meter, DataIdentifier.of(0x06000001), extra, line, priority)
                .thenApply(v -> profilePoint(point, who, start, quarterStartMillis, v))
                .exceptionallyCompose(e -> {
                    Throwable cause = e instanceof CompletionException ? e.getCause() : e;
                    long now = clock.millis();
                    if (isRefusal(cause) && now - quarterStartMillis < 15 * 60_000L && now >= quarterStartMillis) {
                        return realtime(point, meter, line, Set.of(Quantity.ENERGY_FORWARD_ACTIVE_TOTAL,
                                Quantity.ACTIVE_POWER_TOTAL), priority).thenApply(rs -> rs.stream()
                                .map(r -> new Reading(point, who, ReadingKind.CURVE, r.quantity(), quarterStartMillis,
                                        r.value(), r.readAt())).toList());
                    }
                    return CompletableFuture.failedFuture(cause);
                });
    }

    private List<Reading> profilePoint(int point, String meter, LocalDateTime start, long quarter, byte[] v) {
        try {
            if (v.length < 1) {
                throw new ExchangeException(FailureReason.CORRUPT, "empty load-profile reply");
            }
            int count = Bcd.toInt(v[0], 0);
            if (count == 0) {
                throw new CompletionException(new DataUnavailableException("meter " + meter
                        + " has no load-profile point at or after " + start));
            }
            if (v.length < 1 + PROFILE_POINT_BYTES) {
                throw new ExchangeException(FailureReason.CORRUPT, "load-profile reply of " + v.length + " bytes");
            }
            LocalDateTime at = ClockFormat.decodeMinute(v, 1);
            if (!at.equals(start)) {
                throw new CompletionException(new DataUnavailableException("meter " + meter
                        + " has no load-profile point at " + start + " (next is " + at + ")"));
            }
            long now = clock.millis();
            List<Reading> out = new ArrayList<>(5);
            out.add(new Reading(point, meter, ReadingKind.CURVE, Quantity.VOLTAGE_A, quarter,
                    NumericFormat.VOLTAGE.decode(v, 6) * 100, now));
            out.add(new Reading(point, meter, ReadingKind.CURVE, Quantity.CURRENT_A, quarter,
                    NumericFormat.CURRENT.decode(v, 8), now));
            out.add(new Reading(point, meter, ReadingKind.CURVE, Quantity.ACTIVE_POWER_TOTAL, quarter,
                    NumericFormat.ACTIVE_POWER.decode(v, 11) * 100, now));
            out.add(new Reading(point, meter, ReadingKind.CURVE, Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, quarter,
                    NumericFormat.ENERGY.decode(v, 14) * 10, now));
            out.add(new Reading(point, meter, ReadingKind.CURVE, Quantity.ENERGY_REVERSE_ACTIVE_TOTAL, quarter,
                    NumericFormat.ENERGY.decode(v, 18) * 10, now));
            return out;
        } catch (ExchangeException e) {
            throw new CompletionException(e);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new CompletionException(new ExchangeException(FailureReason.CORRUPT,
                    "invalid load-profile data from " + meter + ": " + e.getMessage(), e));
        }
    }

    /**
     * The daily freeze that closes {@code day}, taken by the meter at the midnight ending it:
     * forward active energy total and T1..T4, reverse active total. Readings carry data time
     * 00:00 at the start of {@code day} (the day the data is for, the SGCC convention). On day
     * {@code today} it is the freeze {@code today - day} back; its own time stamp must be that
     * midnight.
     */
    public CompletableFuture<List<Reading>> dailyFreeze(int point, MeterAddress meter, LineSettings line,
            LocalDate day, Priority priority) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        long back = ChronoUnit.DAYS.between(day, today);
        if (back < 1 || back > MAX_DAYS_BACK) {
            return CompletableFuture.failedFuture(new DataUnavailableException("the daily freeze closing " + day
                    + " is " + back + " freezes back on " + today + "; a meter keeps 1.." + MAX_DAYS_BACK));
        }
        int nn = (int) back;
        LocalDateTime midnight = day.plusDays(1).atStartOfDay();
        long dataTime = day.atStartOfDay(zone).toInstant().toEpochMilli();
        String who = meter.toString();
        CompletableFuture<byte[]> time = master.read(meter, DataIdentifier.of(0x05060000 | nn), line, priority);
        CompletableFuture<byte[]> forward = master.read(meter, DataIdentifier.of(0x05060100 | nn), line, priority);
        CompletableFuture<byte[]> reverse = master.read(meter, DataIdentifier.of(0x05060200 | nn), line, priority);
        return CompletableFuture.allOf(time, forward, reverse).thenApply(ignored -> {
            LocalDateTime frozen = decodeMinute(time.join(), who);
            if (!frozen.equals(midnight)) {
                throw new CompletionException(new DataUnavailableException("meter " + who + "'s daily freeze "
                        + nn + " back is from " + frozen + ", not " + midnight));
            }
            return energyBlock(point, who, ReadingKind.DAILY_FREEZE, dataTime, forward.join(), reverse.join());
        });
    }

    /**
     * The settlement (monthly freeze) that closed {@code month}: forward active energy total
     * and T1..T4, reverse active total, read as settlement {@code ss} back where ss is the
     * number of months from {@code month} to the current one (settlement on day 1 at 00:00,
     * the DL/T 645 default).
     */
    public CompletableFuture<List<Reading>> monthlyFreeze(int point, MeterAddress meter, LineSettings line,
            YearMonth month, Priority priority) {
        YearMonth now = YearMonth.now(clock.withZone(zone));
        long back = ChronoUnit.MONTHS.between(month, now);
        if (back < 1 || back > MAX_SETTLEMENTS_BACK) {
            return CompletableFuture.failedFuture(new DataUnavailableException("the settlement closing " + month
                    + " is " + back + " settlements back; a meter keeps 1.." + MAX_SETTLEMENTS_BACK));
        }
        int ss = (int) back;
        long dataTime = month.atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
        String who = meter.toString();
        CompletableFuture<byte[]> forward = master.read(meter, DataIdentifier.of(0x0001FF00 | ss), line, priority);
        CompletableFuture<byte[]> reverse = master.read(meter, DataIdentifier.of(0x0002FF00 | ss), line, priority);
        return CompletableFuture.allOf(forward, reverse).thenApply(ignored ->
                energyBlock(point, who, ReadingKind.MONTHLY_FREEZE, dataTime, forward.join(), reverse.join()));
    }

    private List<Reading> energyBlock(int point, String meter, ReadingKind kind, long dataTime, byte[] forward,
            byte[] reverse) {
        if (forward.length < 20 || reverse.length < 4) {
            throw new CompletionException(new ExchangeException(FailureReason.CORRUPT, "energy block of "
                    + forward.length + "/" + reverse.length + " bytes from " + meter + ", expected 20/4"));
        }
        Quantity[] order = {Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, Quantity.ENERGY_FORWARD_ACTIVE_T1,
                Quantity.ENERGY_FORWARD_ACTIVE_T2, Quantity.ENERGY_FORWARD_ACTIVE_T3, Quantity.ENERGY_FORWARD_ACTIVE_T4};
        long now = clock.millis();
        List<Reading> out = new ArrayList<>(6);
        try {
            for (int i = 0; i < order.length; i++) {
                out.add(new Reading(point, meter, kind, order[i], dataTime, NumericFormat.ENERGY.decode(forward, 4 * i) * 10, now));
            }
            out.add(new Reading(point, meter, kind, Quantity.ENERGY_REVERSE_ACTIVE_TOTAL, dataTime,
                    NumericFormat.ENERGY.decode(reverse, 0) * 10, now));
        } catch (IllegalArgumentException e) {
            throw new CompletionException(new ExchangeException(FailureReason.CORRUPT,
                    "invalid energy data from " + meter + ": " + e.getMessage(), e));
        }
        return out;
    }

    private static long decode(Dlt645Items.Item item, byte[] v, int off) {
        try {
            if (v.length < off + item.format().size()) {
                throw new ExchangeException(FailureReason.CORRUPT, item.di() + ": " + v.length + " bytes, expected "
                        + item.format().size());
            }
            return item.decode(v, off);
        } catch (ExchangeException e) {
            throw new CompletionException(e);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new CompletionException(new ExchangeException(FailureReason.CORRUPT,
                    item.di() + ": invalid value: " + e.getMessage(), e));
        }
    }

    private static LocalDateTime decodeMinute(byte[] v, String meter) {
        try {
            if (v.length < ClockFormat.MINUTE_SIZE) {
                throw new IllegalArgumentException(v.length + " bytes");
            }
            return ClockFormat.decodeMinute(v, 0);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new CompletionException(new ExchangeException(FailureReason.CORRUPT,
                    "invalid freeze time from " + meter + ": " + e.getMessage(), e));
        }
    }
}
