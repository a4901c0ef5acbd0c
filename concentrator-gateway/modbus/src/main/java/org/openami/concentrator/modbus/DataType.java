package org.openami.concentrator.modbus;

import java.math.BigDecimal;

/** How registers encode a value. Decoding is a pure function; thread-safe. */
public enum DataType {
    /** IEEE-754 single precision over two registers. */
    FLOAT32(2),
    /** Two's complement over two registers. */
    INT32(2),
    /** Unsigned over two registers. */
    UINT32(2),
    /** Two's complement in one register. */
    INT16(1),
    /** Unsigned in one register. */
    UINT16(1);

    private final int words;

    DataType(int words) {
        this.words = words;
    }

    /** Registers one value takes. */
    public int words() {
        return words;
    }

    /**
     * The value at {@code regs[at..]}: a {@link BigDecimal} for integers, or {@code null} when a
     * float is NaN or infinite (the caller flags it).
     *
     * @param regs register values 0..65535
     */
    BigDecimal decode(int[] regs, int at, WordOrder order) {
        if (words == 1) {
            int w = regs[at] & 0xFFFF;
            return BigDecimal.valueOf(this == INT16 ? (short) w : w);
        }
        int first = regs[at] & 0xFFFF;
        int second = regs[at + 1] & 0xFFFF;
        int bits = order == WordOrder.BIG ? first << 16 | second : second << 16 | first;
        return switch (this) {
            case FLOAT32 -> {
                float f = Float.intBitsToFloat(bits);
                yield Float.isFinite(f) ? new BigDecimal(f) : null;
            }
            case INT32 -> BigDecimal.valueOf(bits);
            case UINT32 -> BigDecimal.valueOf(Integer.toUnsignedLong(bits));
            default -> throw new AssertionError(this);
        };
    }

    /** The name map files use: {@code float32}, {@code int16}... */
    public String fileName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
