package org.openami.meter.tariff;

import java.time.LocalTime;
import java.util.Objects;
import org.openami.meter.register.Tariff;

/**
 * One entry of a day table: from {@code start} (a multiple of 15 minutes) the meter charges
 * {@code tariff} until the next period's start.
 */
public record DailyPeriod(LocalTime start, Tariff tariff) {

    public DailyPeriod {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(tariff, "tariff");
        if (start.getMinute() % 15 != 0 || start.getSecond() != 0 || start.getNano() != 0) {
            throw new IllegalArgumentException("a period must start on a quarter hour, was " + start);
        }
    }
}
