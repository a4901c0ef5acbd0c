package org.openami.hal.driver.ade7953;

/**
 * The ADE7953 registers this driver uses, with their 16-bit address and access width
 * (datasheet Rev. B, tables 13-15). The driver always uses the 24-bit address of a 24/32-bit
 * register (shorter frames); its verification echo is then LAST_RWDATA_24.
 */
enum Ade7953Register {
    LCYCMODE(0x004, 1),
    PGA_V(0x007, 1),
    PGA_IA(0x008, 1),
    LAST_OP(0x0FD, 1),
    UNLOCK(0x0FE, 1),
    LAST_RWDATA_8(0x0FF, 1),
    CONFIG(0x102, 2),
    PHCALA(0x108, 2),
    PFA(0x10A, 2),
    PERIOD(0x10E, 2),
    OPTIMUM(0x120, 2),
    LAST_ADD(0x1FE, 2),
    LAST_RWDATA_16(0x1FF, 2),
    AVA(0x210, 3),
    AWATT(0x212, 3),
    AVAR(0x214, 3),
    IRMSA(0x21A, 3),
    VRMS(0x21C, 3),
    AENERGYA(0x21E, 3),
    RENERGYA(0x220, 3),
    IRQSTATA(0x22D, 3),
    RSTIRQSTATA(0x22E, 3),
    AIGAIN(0x280, 3),
    AVGAIN(0x281, 3),
    AWGAIN(0x282, 3),
    AVARGAIN(0x283, 3),
    AVAGAIN(0x284, 3),
    AIRMSOS(0x286, 3),
    VRMSOS(0x288, 3),
    AWATTOS(0x289, 3),
    AVAROS(0x28A, 3),
    AVAOS(0x28B, 3),
    LAST_RWDATA_24(0x2FF, 3);

    /** CONFIG after reset: COMM_LOCK (bit 15) = 1 (interface not locked), HPFEN (bit 2) = 1. */
    static final int CONFIG_DEFAULT = 0x8004;
    /** CONFIG as this driver runs the chip: COMM_LOCK cleared (locks SPI), HPF on, rest default. */
    static final int CONFIG_LOCKED = 0x0004;
    /** CONFIG bits that read 0 on any working chip: SWRST (self-clearing) and reserved bits 9, 10, 14. */
    static final int CONFIG_ALWAYS_ZERO = 0x4680;
    /** LCYCMODE.RSTREAD: energy registers are read with reset; no line-cycle accumulation. */
    static final int LCYCMODE_RSTREAD = 0x40;
    static final int UNLOCK_KEY = 0xAD;
    /** The "required register setting" for 0x120 after unlocking (datasheet, specification note). */
    static final int OPTIMUM_SETTING = 0x0030;
    static final int LAST_OP_WRITE = 0xCA;
    static final long IRQ_RESET = 1L << 20;
    static final long UNITY_GAIN = 0x400000;

    final int address;
    final int width;

    Ade7953Register(int address, int width) {
        this.address = address;
        this.width = width;
    }

    /** All ones of this register's width. */
    long mask() {
        return (1L << (8 * width)) - 1;
    }

    /** LAST_RWDATA register that echoes an access of {@code width} bytes. */
    static Ade7953Register echoFor(int width) {
        return switch (width) {
            case 1 -> LAST_RWDATA_8;
            case 2 -> LAST_RWDATA_16;
            default -> LAST_RWDATA_24;
        };
    }

    /** PGA register code of a gain (x22 exists for channel A only). */
    static int pgaCode(int gain, boolean currentChannelA) {
        return switch (gain) {
            case 1 -> 0;
            case 2 -> 1;
            case 4 -> 2;
            case 8 -> 3;
            case 16 -> 4;
            case 22 -> {
                if (!currentChannelA) {
                    throw new IllegalArgumentException("PGA x22 exists on current channel A only");
                }
                yield 5;
            }
            default -> throw new IllegalArgumentException("PGA gain must be 1, 2, 4, 8, 16 (or 22 on IA): " + gain);
        };
    }
}
