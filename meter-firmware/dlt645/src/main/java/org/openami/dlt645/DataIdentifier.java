package org.openami.dlt645;

import java.util.Objects;

/**
 * A 4-byte data identifier (DI) of DL/T 645-2007, written {@code DI3 DI2 DI1 DI0}
 * ({@code 00010000} = forward active energy, total) and sent <b>DI0 first</b>
 * ({@code 00 00 01 00}, then +33H like all data). DI bytes are identifiers, not numbers:
 * indices such as the tariff, the settlement day or the freeze count are hexadecimal
 * ({@code 0C} = the 12th previous settlement day, {@code 3E} = the 62nd previous daily freeze).
 * Immutable; {@code value()} is {@code DI3 << 24 | DI2 << 16 | DI1 << 8 | DI0}.
 */
public final class DataIdentifier {

    /** Bytes on the wire. */
    public static final int SIZE = 4;

    /** {@code 00000000} combined active energy, total, XXXXXX.XX kWh with sign. */
    public static final DataIdentifier COMBINED_ACTIVE_TOTAL = of(0x00000000);
    /** {@code 00010000} forward (import) active energy, total, XXXXXX.XX kWh. */
    public static final DataIdentifier FORWARD_ACTIVE_TOTAL = of(0x00010000);
    /** {@code 0001FF00} forward active energy, total and every tariff. */
    public static final DataIdentifier FORWARD_ACTIVE_BLOCK = of(0x0001FF00);
    /** {@code 00020000} reverse (export) active energy, total. */
    public static final DataIdentifier REVERSE_ACTIVE_TOTAL = of(0x00020000);
    /** {@code 02010100} phase A voltage, XXX.X V. */
    public static final DataIdentifier VOLTAGE_A = of(0x02010100);
    /** {@code 02010200} phase B voltage. */
    public static final DataIdentifier VOLTAGE_B = of(0x02010200);
    /** {@code 02010300} phase C voltage. */
    public static final DataIdentifier VOLTAGE_C = of(0x02010300);
    /** {@code 0201FF00} voltage block A, B, C. */
    public static final DataIdentifier VOLTAGE_BLOCK = of(0x0201FF00);
    /** {@code 02020100} phase A current, XXX.XXX A with sign. */
    public static final DataIdentifier CURRENT_A = of(0x02020100);
    /** {@code 02020200} phase B current. */
    public static final DataIdentifier CURRENT_B = of(0x02020200);
    /** {@code 02020300} phase C current. */
    public static final DataIdentifier CURRENT_C = of(0x02020300);
    /** {@code 02030000} total active power, XX.XXXX kW with sign. */
    public static final DataIdentifier ACTIVE_POWER_TOTAL = of(0x02030000);
    /** {@code 02060000} total power factor, X.XXX with sign. */
    public static final DataIdentifier POWER_FACTOR_TOTAL = of(0x02060000);
    /** {@code 02800002} grid frequency, XX.XX Hz. */
    public static final DataIdentifier FREQUENCY = of(0x02800002);
    /** {@code 04000101} date, YYMMDDWW. */
    public static final DataIdentifier DATE = of(0x04000101);
    /** {@code 04000102} time, hhmmss. */
    public static final DataIdentifier TIME = of(0x04000102);
    /** {@code 04000401} communication address. */
    public static final DataIdentifier COMMUNICATION_ADDRESS = of(0x04000401);
    /** {@code 04000402} meter number. */
    public static final DataIdentifier METER_NUMBER = of(0x04000402);
    /** {@code 04000503} status word 3 (relay state, prepay type, active tariff set). */
    public static final DataIdentifier STATUS_WORD_3 = of(0x04000503);
    /** {@code 05060001} time of the last daily freeze, YYMMDDhhmm. */
    public static final DataIdentifier LAST_DAILY_FREEZE_TIME = of(0x05060001);
    /** {@code 05060101} forward active energy block of the last daily freeze (total + 4 tariffs). */
    public static final DataIdentifier LAST_DAILY_FREEZE_FORWARD_ACTIVE = of(0x05060101);

    private final int value;

    private DataIdentifier(int value) {
        this.value = value;
    }

    /** The DI whose written form is the 8 hex digits of {@code value}. */
    public static DataIdentifier of(int value) {
        return new DataIdentifier(value);
    }

    /** The DI from its four bytes as written. */
    public static DataIdentifier of(int di3, int di2, int di1, int di0) {
        for (int b : new int[] {di3, di2, di1, di0}) {
            if (b < 0 || b > 0xFF) {
                throw new IllegalArgumentException("DI byte out of range: " + b);
            }
        }
        return new DataIdentifier(di3 << 24 | di2 << 16 | di1 << 8 | di0);
    }

    /** Parses the written form, 8 hex digits ({@code "00010000"}). */
    public static DataIdentifier parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() != 2 * SIZE) {
            throw new IllegalArgumentException("a DI is 8 hex digits: '" + text + "'");
        }
        byte[] b = Hex.parse(text);
        return of(b[0] & 0xFF, b[1] & 0xFF, b[2] & 0xFF, b[3] & 0xFF);
    }

    /** Reads a DI as sent, DI0 first (the 33H offset already removed). */
    public static DataIdentifier fromWire(byte[] src, int off) {
        Objects.checkFromIndexSize(off, SIZE, src.length);
        return of(src[off + 3] & 0xFF, src[off + 2] & 0xFF, src[off + 1] & 0xFF, src[off] & 0xFF);
    }

    /**
     * Forward active energy ({@code 0001 tt ss}): {@code tariff} 0 = total, 1..63; {@code
     * settlementsBack} 0 = current, 1..12 = that many settlement days back.
     */
    public static DataIdentifier forwardActive(int tariff, int settlementsBack) {
        return energy(0x01, tariff, settlementsBack);
    }

    /** Reverse active energy ({@code 0002 tt ss}), arguments as {@link #forwardActive}. */
    public static DataIdentifier reverseActive(int tariff, int settlementsBack) {
        return energy(0x02, tariff, settlementsBack);
    }

    /** Combined active energy ({@code 0000 tt ss}), arguments as {@link #forwardActive}. */
    public static DataIdentifier combinedActive(int tariff, int settlementsBack) {
        return energy(0x00, tariff, settlementsBack);
    }

    /** Forward active energy block of the daily freeze {@code daysBack} (1..62) days ago: {@code 050601NN}. */
    public static DataIdentifier dailyFreezeForwardActive(int daysBack) {
        return of(0x05, 0x06, 0x01, checkRange(daysBack, 1, 62, "daily freeze"));
    }

    /** Time of the daily freeze {@code daysBack} (1..62) days ago: {@code 050600NN}. */
    public static DataIdentifier dailyFreezeTime(int daysBack) {
        return of(0x05, 0x06, 0x00, checkRange(daysBack, 1, 62, "daily freeze"));
    }

    private static DataIdentifier energy(int kind, int tariff, int settlementsBack) {
        return of(0x00, kind, checkRange(tariff, 0, 63, "tariff"), checkRange(settlementsBack, 0, 12, "settlement"));
    }

    private static int checkRange(int v, int min, int max, String what) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(what + " index " + v + " outside " + min + ".." + max);
        }
        return v;
    }

    /** {@code DI3 << 24 | DI2 << 16 | DI1 << 8 | DI0}. */
    public int value() {
        return value;
    }

    /** Byte {@code DIn}, n = 0..3. */
    public int di(int n) {
        Objects.checkIndex(n, SIZE);
        return value >>> (8 * n) & 0xFF;
    }

    /** The four bytes as sent, DI0 first, without the 33H offset. */
    public byte[] toWire() {
        byte[] out = new byte[SIZE];
        writeTo(out, 0);
        return out;
    }

    /** Writes the DI as sent into {@code dst} at {@code off}. */
    public void writeTo(byte[] dst, int off) {
        Objects.checkFromIndexSize(off, SIZE, dst.length);
        for (int i = 0; i < SIZE; i++) {
            dst[off + i] = (byte) di(i);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataIdentifier && ((DataIdentifier) o).value == value;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(value);
    }

    /** The written form, e.g. {@code 00010000}. */
    @Override
    public String toString() {
        return String.format("%08X", value);
    }
}
