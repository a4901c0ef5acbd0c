package org.openami.meter.protocol;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openami.dlt645.DataIdentifier;
import org.openami.dlt645.ErrorFlag;
import org.openami.dlt645.data.Bcd;
import org.openami.dlt645.data.ClockFormat;
import org.openami.meter.engine.MeterEngine;
import org.openami.meter.engine.MeterParameters;
import org.openami.meter.register.Tariff;
import org.openami.meter.tariff.DailyPeriod;
import org.openami.meter.tariff.DayTable;

/**
 * The parameters a 14H write may change (after the password check), each validated before
 * anything is stored: date, time, TOU day tables of both sets and their switch-over time,
 * meter number, combined-energy word, settlement day. Returns the error bits to answer
 * with; empty means written.
 */
final class ParameterWriter {

    private final MeterEngine engine;

    ParameterWriter(MeterEngine engine) {
        this.engine = engine;
    }

    Set<ErrorFlag> write(DataIdentifier di, byte[] v, long operator) throws IOException {
        MeterParameters p = engine.parameters();
        try {
            switch (di.value()) {
                case 0x04000101 -> {
                    need(v, ClockFormat.DATE_SIZE);
                    LocalDate date = ClockFormat.decodeDate(v, 0);
                    engine.setClock(LocalDateTime.of(date, engine.localNow().toLocalTime()).atZone(engine.zone()).toInstant(), operator);
                }
                case 0x04000102 -> {
                    need(v, ClockFormat.TIME_SIZE);
                    LocalTime time = ClockFormat.decodeTime(v, 0);
                    engine.setClock(LocalDateTime.of(engine.localNow().toLocalDate(), time).atZone(engine.zone()).toInstant(), operator);
                }
                case 0x04000107 -> {
                    need(v, ClockFormat.MINUTE_SIZE);
                    boolean cancel = java.util.Arrays.equals(v, new byte[ClockFormat.MINUTE_SIZE]);
                    Optional<LocalDateTime> when = cancel ? Optional.empty() : Optional.of(ClockFormat.decodeMinute(v, 0));
                    engine.updateParameters(p.withTou(p.tou().withSwitchOver(when)));
                }
                case 0x04000402 -> {
                    need(v, 6);
                    engine.updateParameters(p.withMeterNumber(Bcd.decodeUnsigned(v, 0, 6)));
                }
                case 0x04000601 -> {
                    need(v, 1);
                    if ((v[0] & 0xF0) != 0) {
                        return EnumSet.of(ErrorFlag.OTHER);
                    }
                    engine.updateParameters(p.withCombinedWord(v[0]));
                }
                case 0x04000B01 -> {
                    need(v, 2);
                    engine.updateParameters(p.withSettlement(Bcd.toInt(v[1], 1), Bcd.toInt(v[0], 0)));
                }
                case 0x04010001, 0x04020001 -> {
                    if (v.length == 0 || v.length % 3 != 0) {
                        return EnumSet.of(ErrorFlag.OTHER);
                    }
                    if (v.length / 3 > DayTable.MAX_PERIODS) {
                        return EnumSet.of(ErrorFlag.TOO_MANY_DAILY_PERIODS);
                    }
                    List<DailyPeriod> periods = new ArrayList<>();
                    for (int i = 0; i < v.length; i += 3) {
                        int tariff = Bcd.toInt(v[i], i);
                        if (tariff < 1 || tariff > Tariff.COUNT) {
                            return EnumSet.of(ErrorFlag.TOO_MANY_TARIFFS);
                        }
                        periods.add(new DailyPeriod(LocalTime.of(Bcd.toInt(v[i + 2], i + 2), Bcd.toInt(v[i + 1], i + 1)), Tariff.ofNumber(tariff)));
                    }
                    int set = di.value() == 0x04010001 ? 1 : 2;
                    engine.updateParameters(p.withTou(p.tou().withSet(set, DayTable.of(periods))));
                }
                default -> {
                    return EnumSet.of(ErrorFlag.NO_REQUESTED_DATA);
                }
            }
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            // bad BCD, impossible date, period not on a quarter hour, settlement day 29..31
            return EnumSet.of(ErrorFlag.OTHER);
        }
        return Set.of();
    }

    private static void need(byte[] v, int n) {
        if (v.length != n) {
            throw new IllegalArgumentException("expected " + n + " value bytes, got " + v.length);
        }
    }
}
