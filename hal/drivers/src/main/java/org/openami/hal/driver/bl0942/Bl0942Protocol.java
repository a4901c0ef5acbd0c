package org.openami.hal.driver.bl0942;

/**
 * The BL0942 UART protocol constants the driver uses (register addresses per datasheet
 * V1.06: MODE 0x19, SOFT_RESET 0x1C, USR_WRPROT 0x1D; older BL0939/BL0940 code uses other
 * addresses) and its checksum: the bitwise NOT of the 8-bit sum of the covered bytes.
 */
final class Bl0942Protocol {

    static final int READ_COMMAND = 0x58;
    static final int WRITE_COMMAND = 0xA8;
    static final int FULL_PACKET = 0xAA;
    static final int PACKET_HEADER = 0x55;
    static final int PACKET_LENGTH = 23;
    static final int REGISTER_REPLY_LENGTH = 4;

    static final int CF_CNT = 0x07;
    static final int MODE = 0x19;
    static final int USR_WRPROT = 0x1D;

    static final int UNLOCK_KEY = 0x55;
    static final int LOCK = 0x00;

    /** MODE after power-on: CF on, 400 ms RMS, 50 Hz, CF_CNT absolute, not cleared on read. */
    static final int MODE_DEFAULT = 0x87;
    /** Bits 1:0 must stay 11; bit 2 CF_EN. */
    private static final int MODE_BASE = 0x07;
    private static final int MODE_60HZ = 1 << 5;

    /** CF_CNT is 24 bits wide and wraps. */
    static final int CF_CNT_BITS = 24;

    private Bl0942Protocol() {
    }

    /**
     * The MODE the driver runs the chip in: CF enabled, 400 ms RMS refresh, line frequency as
     * configured, CF_CNT <b>algebraic</b> (bit 7 = 0: counts down on reverse energy, so the
     * counter itself carries the sign) and <b>not cleared on read</b> (bit 6 = 0: a lost reply
     * loses no energy), UART rate from the SCLK_BPS pin. Differs from the default 0x87 in bit
     * 7, which is how a reset chip is recognised.
     */
    static int operatingMode(int lineFrequencyHz) {
        return MODE_BASE | (lineFrequencyHz == 60 ? MODE_60HZ : 0);
    }

    static int checksum(int seed, byte[] b, int off, int len) {
        int sum = seed;
        for (int i = off; i < off + len; i++) {
            sum += b[i] & 0xFF;
        }
        return ~sum & 0xFF;
    }
}
