package org.openami.sim.chip.ade7953;

import static org.openami.sim.chip.ade7953.Ade7953Map.*;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntToLongFunction;

/**
 * The register file: storage with the 24/32-bit aliasing, the host's read and write rules
 * (read-only registers, write protection, the 0xAD unlock before register 0x120,
 * read-with-reset energy and status registers) and the communication-verification
 * registers LAST_OP, LAST_ADD and LAST_RWDATA. DSP results are asked of {@code results}
 * when read. Not thread-safe: the model serialises access.
 */
final class Ade7953Registers {

    /** Silicon version reported at 0x702; the real value is not documented (assumed). */
    static final long SILICON_VERSION = 0x02;

    private final Map<Integer, Long> values = new HashMap<>();
    private final IntToLongFunction results;
    private boolean unlockArmed;

    /** @param results the DSP's current value of a measurement register, by 24-bit address */
    Ade7953Registers(IntToLongFunction results) {
        this.results = results;
    }

    /** Every register back to its power-on default; the reset interrupt is raised. */
    void reset() {
        values.clear();
        unlockArmed = false;
        set(IRQSTATA, IRQ_RESET);
    }

    long get(int storageAddress) {
        return values.getOrDefault(storageAddress, defaultOf(storageAddress));
    }

    void set(int storageAddress, long value) {
        values.put(storageAddress, value & mask(width(storageAddress)));
    }

    void raiseIrq(int bits) {
        set(IRQSTATA, get(IRQSTATA) | bits);
    }

    /** Any access other than the 0x120 write cancels a pending unlock. */
    void disarmUnlock() {
        unlockArmed = false;
    }

    /** A complete host read: the value shifted out, in the width of {@code address}. */
    long hostRead(int address) {
        unlockArmed = false;
        int s = storage(address);
        long v;
        if (s == VERSION) {
            v = SILICON_VERSION;
        } else if (isEnergy(s)) {
            v = get(s);
            if ((get(LCYCMODE) & LCYCMODE_RSTREAD) != 0) {
                set(s, 0);
            }
        } else if (s == RSTIRQSTATA || s == RSTIRQSTATB) {
            v = get(s - 1);
            set(s - 1, 0);
        } else if (isMeasurement(s) || s == PFA || s == PERIOD) {
            v = results.applyAsLong(s);
        } else {
            v = get(s);
        }
        return view(address, v);
    }

    /**
     * A complete host write. Ignored (but still acknowledged) for read-only registers,
     * write-protected banks, and 0x120 unless the access just before was 0xAD to 0xFE.
     *
     * @return true if the write asked for a software reset (CONFIG.SWRST)
     */
    boolean hostWrite(int address, long value) {
        boolean armed = unlockArmed;
        unlockArmed = false;
        int s = storage(address);
        int w = width(address);
        if (s == WRITE_PROTECT) {
            set(s, value & 0x7);
            return false;
        }
        if (!writable(s) || protectedBank(w)) {
            return false;
        }
        if (s == UNLOCK) {
            unlockArmed = (value & 0xFF) == UNLOCK_KEY;
            return false;
        }
        if (s == OPTIMUM && !armed) {
            return false;
        }
        if (s == CONFIG && (value & CONFIG_SWRST) != 0) {
            return true;
        }
        set(s, value);
        return false;
    }

    /** Records a successful access for LAST_OP / LAST_ADD / LAST_RWDATA (not for reads of those). */
    void recordAccess(int address, boolean write, long data) {
        if (!write && isLastRegister(address)) {
            return; // simulator choice: reading the verification registers leaves them alone
        }
        set(LAST_OP, write ? LAST_OP_WRITE : LAST_OP_READ);
        set(LAST_ADD, address);
        switch (width(address)) {
            case 1 -> set(LAST_RWDATA_8, data);
            case 2 -> set(LAST_RWDATA_16, data);
            default -> set(LAST_RWDATA_24, data);
        }
    }

    private boolean protectedBank(int width) {
        long wp = get(WRITE_PROTECT);
        int bit = width >= 3 ? 2 : width - 1;
        return (wp & (1L << bit)) != 0;
    }

    /** The 32-bit view sign-extends signed registers and zero-extends the others. */
    static long view(int address, long stored) {
        int w = width(address);
        if (w == 4) {
            long low = stored & 0xFFFFFF;
            boolean negative = signed24(storage(address)) && (low & 0x800000) != 0;
            return negative ? low | 0xFF000000L : low;
        }
        return stored & mask(w);
    }

    static long signExtend24(long v) {
        return (v << 40) >> 40;
    }

    static long mask(int widthBytes) {
        return widthBytes >= 3 ? 0xFFFFFF : (1L << (8 * widthBytes)) - 1;
    }
}
