package org.openami.sim.chip.bl0942;

import static org.openami.sim.chip.bl0942.Bl0942Registers.*;

/**
 * The BL0942's writable registers and their write protection. Writes to 0x12..0x1A only
 * take effect while USR_WRPROT holds the unlock key 0x55; writing any other value to
 * USR_WRPROT locks again. SOFT_RESET with 0x5A5A5A (also only while unlocked, the stricter
 * of the behaviours drivers assume) puts every user register back to its default and locks.
 * Values are masked to their documented widths. Not thread-safe; the model serialises.
 */
final class UserRegisters {

    private static final int SIZE = 0x20;
    private static final int[] WIDTH = new int[SIZE];
    private static final int[] DEFAULT = new int[SIZE];

    static {
        define(I_RMSOS, 8, 0x00);
        define(WA_CREEP, 8, 0x0B);
        define(I_FAST_RMS_TH, 16, 0xFFFF);
        define(I_FAST_RMS_CYC, 3, 0b001);
        define(FREQ_CYC, 2, 0b11);
        define(OT_FUNX, 6, 0x24);
        define(MODE, 10, MODE_DEFAULT);
        define(GAIN_CR, 2, 0b10);
    }

    private final int[] values = new int[SIZE];
    private boolean unlocked;

    UserRegisters() {
        reset();
    }

    private static void define(int address, int bits, int resetValue) {
        WIDTH[address] = bits;
        DEFAULT[address] = resetValue;
    }

    /** Power-on state: defaults, locked. */
    void reset() {
        System.arraycopy(DEFAULT, 0, values, 0, SIZE);
        unlocked = false;
    }

    static boolean isUserRegister(int address) {
        return address >= 0 && address < SIZE && WIDTH[address] > 0;
    }

    int get(int address) {
        return values[address];
    }

    boolean unlocked() {
        return unlocked;
    }

    /** Applies a write frame's effect, as the chip does (silently ignoring what it may not do). */
    void write(int address, int value) {
        if (address == USR_WRPROT) {
            unlocked = (value & 0xFF) == UNLOCK_KEY;
        } else if (address == SOFT_RESET) {
            if (unlocked && value == SOFT_RESET_KEY) {
                reset();
            }
        } else if (isUserRegister(address) && unlocked) {
            values[address] = value & ((1 << WIDTH[address]) - 1);
        }
    }

    /** I_RMSOS as a signed 8-bit value (the sign convention is an assumption, see the model). */
    int rmsOffset() {
        return (byte) values[I_RMSOS];
    }
}
