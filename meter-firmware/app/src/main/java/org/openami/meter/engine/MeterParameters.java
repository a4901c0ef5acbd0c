package org.openami.meter.engine;

import java.nio.ByteBuffer;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.openami.dlt645.MeterAddress;
import org.openami.meter.register.Tariff;
import org.openami.meter.tariff.DailyPeriod;
import org.openami.meter.tariff.DayTable;
import org.openami.meter.tariff.TouSchedule;

/**
 * The meter's programmable parameters, persisted apart from the fast-changing registers
 * and written only by commands (14H, 17H) and TOU switch-over.
 *
 * @param address          communication address ({@code 04000401})
 * @param meterNumber      meter number, 12 BCD digits ({@code 04000402})
 * @param tou              the two time-of-use sets and the switch-over time
 * @param settlementDay    day of month of the monthly settlement (1..28), {@code 04000B01}
 * @param settlementHour   hour of the settlement (0..23)
 * @param combinedWord     combined active energy characteristic word ({@code 04000601}):
 *                         bit0 add forward, bit1 subtract forward, bit2 add reverse,
 *                         bit3 subtract reverse
 * @param passwords        6-digit passwords of levels 0..4 ({@code -1} = level not enabled)
 * @param baud             the RS-485 port's baud rate (changed by 17H)
 */
public record MeterParameters(MeterAddress address, long meterNumber, TouSchedule tou, int settlementDay,
                              int settlementHour, int combinedWord, List<Integer> passwords, int baud) {

    /** Password levels 0 (highest) .. 4. */
    public static final int LEVELS = 5;
    public static final int MAX_BYTES = 256;
    private static final int FORMAT = 1;

    public MeterParameters {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(tou, "tou");
        if (!address.isSpecific()) {
            throw new IllegalArgumentException("a meter's own address must be a specific address, not " + address);
        }
        if (meterNumber < 0 || meterNumber > 999_999_999_999L) {
            throw new IllegalArgumentException("meter number must have at most 12 digits");
        }
        if (settlementDay < 1 || settlementDay > 28) {
            throw new IllegalArgumentException("settlement day must be 1..28, was " + settlementDay);
        }
        if (settlementHour < 0 || settlementHour > 23) {
            throw new IllegalArgumentException("settlement hour must be 0..23, was " + settlementHour);
        }
        passwords = List.copyOf(passwords);
        if (passwords.size() != LEVELS) {
            throw new IllegalArgumentException("need a password entry for each of " + LEVELS + " levels");
        }
        for (int p : passwords) {
            if (p < -1 || p > 999_999) {
                throw new IllegalArgumentException("passwords are 6 decimal digits");
            }
        }
        if (baud <= 0) {
            throw new IllegalArgumentException("baud must be positive");
        }
    }

    /**
     * Factory defaults: typical TOU table in both sets, settlement on the 1st at 00:00,
     * combined = forward + reverse (05H), level-0 password 000000, level-2 password 123456,
     * level-4 password 000004, 2400 baud.
     */
    public static MeterParameters defaults(MeterAddress address) {
        long number = Long.parseLong(address.toString());
        return new MeterParameters(address, number, TouSchedule.typical(), 1, 0, 0x05,
                List.of(0, -1, 123456, -1, 4), 2400);
    }

    public MeterParameters withTou(TouSchedule t) {
        return new MeterParameters(address, meterNumber, t, settlementDay, settlementHour, combinedWord, passwords, baud);
    }

    public MeterParameters withSettlement(int day, int hour) {
        return new MeterParameters(address, meterNumber, tou, day, hour, combinedWord, passwords, baud);
    }

    public MeterParameters withCombinedWord(int word) {
        return new MeterParameters(address, meterNumber, tou, settlementDay, settlementHour, word & 0x0F, passwords, baud);
    }

    public MeterParameters withBaud(int b) {
        return new MeterParameters(address, meterNumber, tou, settlementDay, settlementHour, combinedWord, passwords, b);
    }

    public MeterParameters withMeterNumber(long n) {
        return new MeterParameters(address, n, tou, settlementDay, settlementHour, combinedWord, passwords, baud);
    }

    /** The combined active energy from forward and reverse totals, by the characteristic word. */
    public long combined(long forward, long reverse) {
        long c = 0;
        if ((combinedWord & 0x01) != 0) {
            c += forward;
        }
        if ((combinedWord & 0x02) != 0) {
            c -= forward;
        }
        if ((combinedWord & 0x04) != 0) {
            c += reverse;
        }
        if ((combinedWord & 0x08) != 0) {
            c -= reverse;
        }
        return c;
    }

    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(MAX_BYTES);
        out.put((byte) FORMAT);
        out.put(address.toWire());
        out.putLong(meterNumber);
        writeTable(out, tou.first());
        writeTable(out, tou.second());
        out.put((byte) (tou.secondActive() ? 1 : 0));
        out.putLong(tou.switchOver().map(t -> t.toEpochSecond(ZoneOffset.UTC)).orElse(Long.MIN_VALUE));
        out.put((byte) settlementDay).put((byte) settlementHour).put((byte) combinedWord);
        for (int p : passwords) {
            out.putInt(p);
        }
        out.putInt(baud);
        byte[] b = new byte[out.position()];
        out.flip().get(b);
        return b;
    }

    /** @throws IllegalArgumentException (or a buffer underflow) if the bytes are not parameters */
    public static MeterParameters decode(byte[] b) {
        ByteBuffer in = ByteBuffer.wrap(b);
        int format = in.get();
        if (format != FORMAT) {
            throw new IllegalArgumentException("unknown parameter format " + format);
        }
        MeterAddress address = MeterAddress.fromWire(b, 1);
        in.position(1 + MeterAddress.SIZE);
        long number = in.getLong();
        DayTable first = readTable(in);
        DayTable second = readTable(in);
        boolean secondActive = in.get() == 1;
        long sw = in.getLong();
        Optional<LocalDateTime> switchOver = sw == Long.MIN_VALUE ? Optional.empty()
                : Optional.of(LocalDateTime.ofEpochSecond(sw, 0, ZoneOffset.UTC));
        int day = in.get();
        int hour = in.get();
        int word = in.get();
        List<Integer> pw = new ArrayList<>();
        for (int i = 0; i < LEVELS; i++) {
            pw.add(in.getInt());
        }
        int baud = in.getInt();
        return new MeterParameters(address, number, new TouSchedule(first, second, secondActive, switchOver), day, hour, word, pw, baud);
    }

    private static void writeTable(ByteBuffer out, DayTable t) {
        out.put((byte) t.periods().size());
        for (DailyPeriod p : t.periods()) {
            out.putShort((short) (p.start().toSecondOfDay() / 60)).put((byte) p.tariff().number());
        }
    }

    private static DayTable readTable(ByteBuffer in) {
        int n = in.get();
        if (n < 1 || n > DayTable.MAX_PERIODS) {
            throw new IllegalArgumentException("stored day table has " + n + " periods");
        }
        List<DailyPeriod> periods = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int minute = in.getShort();
            if (minute < 0 || minute >= 24 * 60) {
                throw new IllegalArgumentException("stored period start out of range: " + minute);
            }
            periods.add(new DailyPeriod(LocalTime.ofSecondOfDay(minute * 60L), Tariff.ofNumber(in.get())));
        }
        return DayTable.of(periods);
    }
}
