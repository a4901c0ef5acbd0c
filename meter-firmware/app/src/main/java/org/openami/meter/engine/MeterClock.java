package org.openami.meter.engine;

import java.time.Duration;
import java.time.Instant;
import org.openami.hal.time.HalClock;

/**
 * The meter's time: the board's RTC ({@link HalClock}) plus the offset that clock-setting
 * commands (14H {@code 04000101/02}, broadcast 08H) leave, kept with the registers so the
 * meter need not be allowed to set the system clock. Thread-safe.
 */
public final class MeterClock {

    private final HalClock rtc;
    private volatile long offsetMillis;

    public MeterClock(HalClock rtc) {
        this.rtc = rtc;
    }

    public Instant now() {
        return rtc.now().plusMillis(offsetMillis);
    }

    public HalClock rtc() {
        return rtc;
    }

    long offsetMillis() {
        return offsetMillis;
    }

    void setOffsetMillis(long offset) {
        this.offsetMillis = offset;
    }

    /** Moves the meter's time to {@code newTime}; returns the adjustment. */
    Duration setTo(Instant newTime) {
        Instant before = now();
        offsetMillis += Duration.between(before, newTime).toMillis();
        return Duration.between(before, newTime);
    }
}
