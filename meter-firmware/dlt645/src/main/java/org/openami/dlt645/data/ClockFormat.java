package org.openami.dlt645.data;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Objects;

/**
 * BCD calendar fields of DL/T 645-2007, low byte first on the wire like every data item:
 * <ul>
 *   <li>{@code YYMMDDWW} date ({@code 04000101}), 4 bytes, sent {@code WW DD MM YY};
 *       WW is the weekday, 0 = Sunday, 1..6 = Monday..Saturday;</li>
 *   <li>{@code hhmmss} time ({@code 04000102}), 3 bytes, sent {@code ss mm hh};</li>
 *   <li>{@code YYMMDDhhmm} (freeze times, {@code 05060001}), 5 bytes, sent {@code mm hh DD MM YY};</li>
 *   <li>{@code YYMMDDhhmmss} (broadcast time sync, control code 08H), 6 bytes, sent
 *       {@code ss mm hh DD MM YY}.</li>
 * </ul>
 * YY is the year within 2000..2099. Encoding truncates to the format's resolution;
 * decoding rejects bad nibbles and out-of-range fields with {@link BcdFormatException}.
 * On decoding a date the calendar date wins: a WW that disagrees with it is accepted
 * (meters are known to keep a stale weekday), but a WW above 6 is rejected.
 */
public final class ClockFormat {

    /** Bytes of YYMMDDWW. */
    public static final int DATE_SIZE = 4;
    /** Bytes of hhmmss. */
    public static final int TIME_SIZE = 3;
    /** Bytes of YYMMDDhhmm. */
    public static final int MINUTE_SIZE = 5;
    /** Bytes of YYMMDDhhmmss. */
    public static final int DATE_TIME_SIZE = 6;

    private ClockFormat() {
    }

    /** YYMMDDWW in wire order. */
    public static byte[] encodeDate(LocalDate date) {
        checkYear(date.getYear());
        return new byte[] {
            Bcd.fromInt(date.getDayOfWeek().getValue() % 7),
            Bcd.fromInt(date.getDayOfMonth()),
            Bcd.fromInt(date.getMonthValue()),
            Bcd.fromInt(date.getYear() - 2000)};
    }

    /** Reads YYMMDDWW at {@code off}. */
    public static LocalDate decodeDate(byte[] src, int off) {
        Objects.checkFromIndexSize(off, DATE_SIZE, src.length);
        field(src, off, 0, 6); // WW: only its range is checked, the date decides the weekday
        return date(src, off + 1);
    }

    /** hhmmss in wire order; fractions of a second are dropped. */
    public static byte[] encodeTime(LocalTime time) {
        return new byte[] {
            Bcd.fromInt(time.getSecond()), Bcd.fromInt(time.getMinute()), Bcd.fromInt(time.getHour())};
    }

    /** Reads hhmmss at {@code off}. */
    public static LocalTime decodeTime(byte[] src, int off) {
        Objects.checkFromIndexSize(off, TIME_SIZE, src.length);
        int second = field(src, off, 0, 59);
        int minute = field(src, off + 1, 0, 59);
        int hour = field(src, off + 2, 0, 23);
        return LocalTime.of(hour, minute, second);
    }

    /** YYMMDDhhmm in wire order; seconds are dropped. */
    public static byte[] encodeMinute(LocalDateTime t) {
        checkYear(t.getYear());
        return new byte[] {
            Bcd.fromInt(t.getMinute()), Bcd.fromInt(t.getHour()), Bcd.fromInt(t.getDayOfMonth()),
            Bcd.fromInt(t.getMonthValue()), Bcd.fromInt(t.getYear() - 2000)};
    }

    /** Reads YYMMDDhhmm at {@code off}. */
    public static LocalDateTime decodeMinute(byte[] src, int off) {
        Objects.checkFromIndexSize(off, MINUTE_SIZE, src.length);
        int minute = field(src, off, 0, 59);
        int hour = field(src, off + 1, 0, 23);
        return LocalDateTime.of(date(src, off + 2), LocalTime.of(hour, minute));
    }

    /** YYMMDDhhmmss in wire order, the data of a broadcast time sync; fractions are dropped. */
    public static byte[] encodeDateTime(LocalDateTime t) {
        checkYear(t.getYear());
        return new byte[] {
            Bcd.fromInt(t.getSecond()), Bcd.fromInt(t.getMinute()), Bcd.fromInt(t.getHour()),
            Bcd.fromInt(t.getDayOfMonth()), Bcd.fromInt(t.getMonthValue()), Bcd.fromInt(t.getYear() - 2000)};
    }

    /** Reads YYMMDDhhmmss at {@code off}. */
    public static LocalDateTime decodeDateTime(byte[] src, int off) {
        Objects.checkFromIndexSize(off, DATE_TIME_SIZE, src.length);
        LocalTime time = decodeTime(src, off);
        return LocalDateTime.of(date(src, off + 3), time);
    }

    /** DD MM YY at {@code off} (wire order). */
    private static LocalDate date(byte[] src, int off) {
        int day = field(src, off, 1, 31);
        int month = field(src, off + 1, 1, 12);
        int year = 2000 + Bcd.toInt(src[off + 2], off + 2);
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw new BcdFormatException("no such day in " + year + "-" + month, off, src[off]);
        }
    }

    private static int field(byte[] src, int off, int min, int max) {
        int v = Bcd.toInt(src[off], off);
        if (v < min || v > max) {
            throw new BcdFormatException("field outside " + min + ".." + max, off, src[off]);
        }
        return v;
    }

    private static void checkYear(int year) {
        if (year < 2000 || year > 2099) {
            throw new IllegalArgumentException("YY covers 2000..2099, not " + year);
        }
    }
}
