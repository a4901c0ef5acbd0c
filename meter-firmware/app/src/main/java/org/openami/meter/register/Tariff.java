package org.openami.meter.register;

/**
 * The four time-of-use tariffs of a Chinese meter (尖峰平谷), numbered as in DL/T 645-2007
 * data identifiers: {@code 0001 01 00} is forward active energy in T1.
 */
public enum Tariff {
    T1_SHARP(1), T2_PEAK(2), T3_FLAT(3), T4_VALLEY(4);

    /** Tariffs a register keeps besides its total. */
    public static final int COUNT = 4;

    private final int number;

    Tariff(int number) {
        this.number = number;
    }

    /** 1..4, the DI1 byte of the tariff's energy identifiers. */
    public int number() {
        return number;
    }

    public static Tariff ofNumber(int n) {
        if (n < 1 || n > COUNT) {
            throw new IllegalArgumentException("tariff must be 1..4, was " + n);
        }
        return values()[n - 1];
    }
}
