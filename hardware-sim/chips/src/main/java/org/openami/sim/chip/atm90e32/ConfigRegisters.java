package org.openami.sim.chip.atm90e32;

import static org.openami.sim.chip.atm90e32.Atm90e32Map.*;

import java.util.Arrays;

/**
 * The writable register file (0x00..0x7F) with its power-on defaults and the CfgRegAccEn
 * lock: writes to 0x00..0x6F take effect only while 0x55AA is in CfgRegAccEn. Registers
 * with behaviour of their own (SoftReset, EMMState, EMMIntState, LastSPIData,
 * CRCErrStatus) are handled by the model and never stored here. Not thread-safe; the
 * model serialises access.
 *
 * <p>Defaults: PLconst 0x0861_C468 (3200 imp/kWh) and SagPeakDetCfg 0x143F are the values
 * the fact sheet reports; Ugain/Igain 0x8000 comes from a single example [L]; MMode0 0x0087
 * (3P4W, 50 Hz, all phases in the totals) is an assumption [?]; everything else 0.
 */
final class ConfigRegisters {

    private static final int SIZE = 0x80;
    private static final int LOCKED_LIMIT = 0x6F;
    private final int[] regs = new int[SIZE];
    private boolean unlocked;

    ConfigRegisters() {
        reset();
    }

    /** Power-on values; locks the file. */
    void reset() {
        Arrays.fill(regs, 0);
        regs[SAG_PEAK_DET_CFG] = 0x143F;
        regs[PL_CONST_H] = 0x0861;
        regs[PL_CONST_L] = 0xC468;
        regs[MMODE0] = 0x0087;
        for (int p = 0; p < 3; p++) {
            regs[stride4(UGAIN_A, p)] = 0x8000;
            regs[stride4(IGAIN_A, p)] = 0x8000;
        }
        unlocked = false;
    }

    /** True for an address this file stores (as opposed to registers with their own behaviour). */
    static boolean holds(int address) {
        return address >= 0 && address < SIZE && address != SOFT_RESET && address != EMM_STATE0
                && address != EMM_STATE1 && address != EMM_INT_STATE0 && address != EMM_INT_STATE1
                && address != LAST_SPI_DATA && address != CRC_ERR_STATUS;
    }

    int read(int address) {
        if (address == CFG_REG_ACC_EN) {
            // [?] what CfgRegAccEn reads back is not documented; the model shows the lock state
            return unlocked ? UNLOCK_KEY : 0;
        }
        return regs[address];
    }

    /** Stores {@code value} unless the lock forbids it; returns whether the write took effect. */
    boolean write(int address, int value) {
        if (address == CFG_REG_ACC_EN) {
            unlocked = value == UNLOCK_KEY;
            return true;
        }
        if (address <= LOCKED_LIMIT && !unlocked) {
            return false;
        }
        regs[address] = value & 0xFFFF;
        return true;
    }

    boolean unlocked() {
        return unlocked;
    }

    /** Signed view of a register (two's complement 16-bit). */
    int signed(int address) {
        return (short) regs[address];
    }
}
