package org.openami.sim.chip.bl0942;

/**
 * The BL0942's UART protocol constants and register map as the model implements them
 * (datasheet V1.06 register list, cross-checked against several open-source drivers).
 * Addresses are the register bytes sent after the command byte.
 */
public final class Bl0942Registers {

    /** Read command: {@code 0x58 | address}, address = (A2 << 1) | A1. */
    public static final int READ_COMMAND = 0x58;
    /** Write command: {@code 0xA8 | address}. */
    public static final int WRITE_COMMAND = 0xA8;
    /** Register byte that asks for the 23-byte full packet. */
    public static final int FULL_PACKET = 0xAA;
    /** First byte of the full packet. */
    public static final int PACKET_HEADER = 0x55;
    /** Length of the full packet reply, header and checksum included. */
    public static final int PACKET_LENGTH = 23;

    public static final int I_WAVE = 0x01;
    public static final int V_WAVE = 0x02;
    public static final int I_RMS = 0x03;
    public static final int V_RMS = 0x04;
    public static final int I_FAST_RMS = 0x05;
    public static final int WATT = 0x06;
    public static final int CF_CNT = 0x07;
    public static final int FREQ = 0x08;
    public static final int STATUS = 0x09;
    public static final int I_RMSOS = 0x12;
    public static final int WA_CREEP = 0x14;
    public static final int I_FAST_RMS_TH = 0x15;
    public static final int I_FAST_RMS_CYC = 0x16;
    public static final int FREQ_CYC = 0x17;
    public static final int OT_FUNX = 0x18;
    public static final int MODE = 0x19;
    public static final int GAIN_CR = 0x1A;
    public static final int SOFT_RESET = 0x1C;
    public static final int USR_WRPROT = 0x1D;

    /** USR_WRPROT value that unlocks the user registers 0x12..0x1A; any other value locks. */
    public static final int UNLOCK_KEY = 0x55;
    /** SOFT_RESET value that puts the user registers back to their defaults. */
    public static final int SOFT_RESET_KEY = 0x5A5A5A;

    /** MODE after power-on or soft reset: CF enabled, 400 ms RMS, 50 Hz, CF_CNT absolute, not cleared on read. */
    public static final int MODE_DEFAULT = 0x87;
    /** MODE bit 2: active-energy accumulation and CF pulses enabled. */
    public static final int MODE_CF_EN = 1 << 2;
    /** MODE bit 5: 60 Hz line (0 = 50 Hz). */
    public static final int MODE_AC_FREQ_60HZ = 1 << 5;
    /** MODE bit 6: CF_CNT is cleared after each read of it. */
    public static final int MODE_CF_CNT_CLR = 1 << 6;
    /** MODE bit 7: CF_CNT adds absolute energy (0 = algebraic, counts down on reverse energy). */
    public static final int MODE_CF_CNT_ABS = 1 << 7;

    /** STATUS bit 0: the energy direction is negative (reverse, export). */
    public static final int STATUS_CF_REVP = 1;
    /** STATUS bit 1: active power is below the WA_CREEP threshold (no-load). */
    public static final int STATUS_CREEP = 1 << 1;

    private Bl0942Registers() {
    }
}
