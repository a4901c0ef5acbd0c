package org.openami.meter.protocol;

/** The communication rate characteristic word Z of 17H: one bit per rate. */
final class BaudWord {

    private static final int[] RATES = {0, 600, 1200, 2400, 4800, 9600, 19200};

    private BaudWord() {
    }

    /** The rate of a word with exactly one supported bit set, or -1. */
    static int baud(int z) {
        if (Integer.bitCount(z) != 1) {
            return -1;
        }
        int bit = Integer.numberOfTrailingZeros(z);
        return bit >= 1 && bit < RATES.length ? RATES[bit] : -1;
    }

    static int word(int baud) {
        for (int bit = 1; bit < RATES.length; bit++) {
            if (RATES[bit] == baud) {
                return 1 << bit;
            }
        }
        throw new IllegalArgumentException("no characteristic word for " + baud + " baud");
    }
}
