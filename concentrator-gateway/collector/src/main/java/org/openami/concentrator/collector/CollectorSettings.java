package org.openami.concentrator.collector;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Map;
import java.util.Objects;

/**
 * How the {@link CollectionScheduler} collects. Immutable; the constructor validates every
 * property and throws {@link IllegalArgumentException} with a message that names the property
 * and the bad value ("settlementDay 31 is outside 1..28").
 *
 * @param curveOffset           delay after each quarter hour before its curve point is read
 *                              (the meter needs a moment to store it); 0 to 14 minutes
 * @param curveRetryInterval    time between retry rounds of a curve point; 1 second to 15 minutes
 * @param curveMaxRounds        rounds (first read + retries) per curve point, 1..15; the window
 *                              (until the next point is due) also bounds them
 * @param dailyStart            time of day the daily freeze, back-fill and monthly freeze windows open
 * @param dailyEnd              time of day those windows close; after {@code dailyStart}
 * @param retryInterval         time between retry rounds of freezes and back-fill; 1 minute to 12 hours
 * @param maxRounds             rounds per freeze/back-fill window, 1..1000
 * @param backfillDays          how many days before yesterday are checked for missing daily
 *                              freezes and back-filled, 0 (off) to 60
 * @param settlementDay         day of the month of the monthly (settlement) freeze, 1..28
 * @param maxInFlightPerChannel scheduled reads outstanding at most per channel, 1..64
 * @param channelAttempts       attempts per request the channel makes underneath, 1..5
 * @param statisticsDays        days of per-day statistics kept, 1..62
 * @param stuckAfterTicks       a read whose future has not completed after this many ticks
 *                              (about seconds) frees its channel slot and counts as failed;
 *                              10..86400. Counted in ticks, not clock time, so clock steps do
 *                              not expire reads.
 */
public record CollectorSettings(Duration curveOffset, Duration curveRetryInterval, int curveMaxRounds,
                                LocalTime dailyStart, LocalTime dailyEnd, Duration retryInterval, int maxRounds,
                                int backfillDays, int settlementDay, int maxInFlightPerChannel,
                                int channelAttempts, int statisticsDays, int stuckAfterTicks) {

    private static final Duration QUARTER = Duration.ofMinutes(15);

    public CollectorSettings {
        Objects.requireNonNull(curveOffset, "curveOffset");
        Objects.requireNonNull(curveRetryInterval, "curveRetryInterval");
        Objects.requireNonNull(dailyStart, "dailyStart");
        Objects.requireNonNull(dailyEnd, "dailyEnd");
        Objects.requireNonNull(retryInterval, "retryInterval");
        if (curveOffset.isNegative() || curveOffset.compareTo(QUARTER) >= 0) {
            throw new IllegalArgumentException("curveOffset " + curveOffset + " is not within 0..14 minutes");
        }
        if (curveRetryInterval.compareTo(Duration.ofSeconds(1)) < 0 || curveRetryInterval.compareTo(QUARTER) > 0) {
            throw new IllegalArgumentException("curveRetryInterval " + curveRetryInterval + " is not within 1 s..15 minutes");
        }
        range("curveMaxRounds", curveMaxRounds, 1, 15);
        if (!dailyEnd.isAfter(dailyStart)) {
            throw new IllegalArgumentException("dailyEnd " + dailyEnd + " is not after dailyStart " + dailyStart);
        }
        if (retryInterval.compareTo(Duration.ofMinutes(1)) < 0 || retryInterval.compareTo(Duration.ofHours(12)) > 0) {
            throw new IllegalArgumentException("retryInterval " + retryInterval + " is not within 1 minute..12 hours");
        }
        range("maxRounds", maxRounds, 1, 1000);
        range("backfillDays", backfillDays, 0, 60);
        range("settlementDay", settlementDay, 1, 28);
        range("maxInFlightPerChannel", maxInFlightPerChannel, 1, 64);
        range("channelAttempts", channelAttempts, 1, 5);
        range("statisticsDays", statisticsDays, 1, 62);
        range("stuckAfterTicks", stuckAfterTicks, 10, 86_400);
    }

    /** The SGCC-style defaults: curve +1 min, retries every 5 min; daily 00:05..23:00 every 30 min; 3 back-fill days; settlement on the 1st; 2 in flight per channel. */
    public static CollectorSettings defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Settings from configuration properties (ConfigAdmin, a properties file): keys are the
     * component names above; missing keys keep their defaults, unknown keys are ignored.
     * Times of day are {@code HH:mm} strings or {@link LocalTime}s; durations are a number of
     * minutes (a {@link Number} or a string like {@code "5"}), an ISO-8601 string
     * ({@code "PT30S"}) or a {@link Duration}; counts are numbers or decimal strings.
     *
     * @throws IllegalArgumentException naming the property and the bad value
     */
    public static CollectorSettings from(Map<String, ?> properties) {
        Objects.requireNonNull(properties, "properties");
        Builder b = builder();
        Object v;
        if ((v = properties.get("curveOffset")) != null) {
            b.curveOffset(duration("curveOffset", v));
        }
        if ((v = properties.get("curveRetryInterval")) != null) {
            b.curveRetryInterval(duration("curveRetryInterval", v));
        }
        if ((v = properties.get("curveMaxRounds")) != null) {
            b.curveMaxRounds(integer("curveMaxRounds", v));
        }
        if ((v = properties.get("dailyStart")) != null) {
            b.dailyStart(timeOfDay("dailyStart", v));
        }
        if ((v = properties.get("dailyEnd")) != null) {
            b.dailyEnd(timeOfDay("dailyEnd", v));
        }
        if ((v = properties.get("retryInterval")) != null) {
            b.retryInterval(duration("retryInterval", v));
        }
        if ((v = properties.get("maxRounds")) != null) {
            b.maxRounds(integer("maxRounds", v));
        }
        if ((v = properties.get("backfillDays")) != null) {
            b.backfillDays(integer("backfillDays", v));
        }
        if ((v = properties.get("settlementDay")) != null) {
            b.settlementDay(integer("settlementDay", v));
        }
        if ((v = properties.get("maxInFlightPerChannel")) != null) {
            b.maxInFlightPerChannel(integer("maxInFlightPerChannel", v));
        }
        if ((v = properties.get("channelAttempts")) != null) {
            b.channelAttempts(integer("channelAttempts", v));
        }
        if ((v = properties.get("statisticsDays")) != null) {
            b.statisticsDays(integer("statisticsDays", v));
        }
        if ((v = properties.get("stuckAfterTicks")) != null) {
            b.stuckAfterTicks(integer("stuckAfterTicks", v));
        }
        return b.build();
    }

    private static void range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " " + value + " is outside " + min + ".." + max);
        }
    }

    private static LocalTime timeOfDay(String name, Object value) {
        if (value instanceof LocalTime t) {
            return t;
        }
        String text = value.toString().trim();
        try {
            return LocalTime.parse(text, DateTimeFormatter.ofPattern("H:mm").withResolverStyle(ResolverStyle.STRICT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " " + text + " is not a time of day (HH:mm)", e);
        }
    }

    private static Duration duration(String name, Object value) {
        if (value instanceof Duration d) {
            return d;
        }
        if (value instanceof Number n) {
            return Duration.ofMinutes(n.longValue());
        }
        String text = value.toString().trim();
        try {
            if (!text.isEmpty() && (text.charAt(0) == 'P' || text.charAt(0) == 'p')) {
                return Duration.parse(text);
            }
            return Duration.ofMinutes(Long.parseLong(text));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + text + "' is not a number of minutes or an ISO-8601 duration", e);
        }
    }

    private static int integer(String name, Object value) {
        if (value instanceof Integer i) {
            return i;
        }
        if (value instanceof Number n) {
            long l = n.longValue();
            if (l != n.doubleValue() || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + " " + value + " is not a whole number");
            }
            return (int) l;
        }
        String text = value.toString().trim();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + text + "' is not a whole number", e);
        }
    }

    /** Builds {@link CollectorSettings}; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private Duration curveOffset = Duration.ofMinutes(1);
        private Duration curveRetryInterval = Duration.ofMinutes(5);
        private int curveMaxRounds = 3;
        private LocalTime dailyStart = LocalTime.of(0, 5);
        private LocalTime dailyEnd = LocalTime.of(23, 0);
        private Duration retryInterval = Duration.ofMinutes(30);
        private int maxRounds = 48;
        private int backfillDays = 3;
        private int settlementDay = 1;
        private int maxInFlightPerChannel = 2;
        private int channelAttempts = 1;
        private int statisticsDays = 7;
        private int stuckAfterTicks = 600;

        private Builder() {
        }

        private Builder(CollectorSettings s) {
            curveOffset = s.curveOffset;
            curveRetryInterval = s.curveRetryInterval;
            curveMaxRounds = s.curveMaxRounds;
            dailyStart = s.dailyStart;
            dailyEnd = s.dailyEnd;
            retryInterval = s.retryInterval;
            maxRounds = s.maxRounds;
            backfillDays = s.backfillDays;
            settlementDay = s.settlementDay;
            maxInFlightPerChannel = s.maxInFlightPerChannel;
            channelAttempts = s.channelAttempts;
            statisticsDays = s.statisticsDays;
            stuckAfterTicks = s.stuckAfterTicks;
        }

        public Builder curveOffset(Duration v) {
            curveOffset = v;
            return this;
        }

        public Builder curveRetryInterval(Duration v) {
            curveRetryInterval = v;
            return this;
        }

        public Builder curveMaxRounds(int v) {
            curveMaxRounds = v;
            return this;
        }

        public Builder dailyStart(LocalTime v) {
            dailyStart = v;
            return this;
        }

        public Builder dailyEnd(LocalTime v) {
            dailyEnd = v;
            return this;
        }

        public Builder retryInterval(Duration v) {
            retryInterval = v;
            return this;
        }

        public Builder maxRounds(int v) {
            maxRounds = v;
            return this;
        }

        public Builder backfillDays(int v) {
            backfillDays = v;
            return this;
        }

        public Builder settlementDay(int v) {
            settlementDay = v;
            return this;
        }

        public Builder maxInFlightPerChannel(int v) {
            maxInFlightPerChannel = v;
            return this;
        }

        public Builder channelAttempts(int v) {
            channelAttempts = v;
            return this;
        }

        public Builder statisticsDays(int v) {
            statisticsDays = v;
            return this;
        }

        public Builder stuckAfterTicks(int v) {
            stuckAfterTicks = v;
            return this;
        }

        /** @throws IllegalArgumentException naming the first bad property */
        public CollectorSettings build() {
            return new CollectorSettings(curveOffset, curveRetryInterval, curveMaxRounds, dailyStart, dailyEnd,
                    retryInterval, maxRounds, backfillDays, settlementDay, maxInFlightPerChannel,
                    channelAttempts, statisticsDays, stuckAfterTicks);
        }
    }
}
