package org.openami.sim.chip.atm90e32;

/**
 * Register addresses of the ATM90E32AS as the model implements them (10-bit address space).
 * Per-phase registers are given for phase A; phases B and C follow at the stride noted.
 * Registers that exist only on the sister chip ATM90E36A (SysStatus, ConfigStart/CS0..CS3,
 * LastSPIData at 0x0F) are deliberately absent.
 */
public final class Atm90e32Map {

    private Atm90e32Map() {
    }

    // ---- status and special registers -------------------------------------------------
    public static final int METER_EN = 0x00;
    public static final int SAG_PEAK_DET_CFG = 0x05;
    public static final int FREQ_LO_TH = 0x0C;
    public static final int FREQ_HI_TH = 0x0D;
    public static final int SOFT_RESET = 0x70;
    public static final int EMM_STATE0 = 0x71;
    public static final int EMM_STATE1 = 0x72;
    public static final int EMM_INT_STATE0 = 0x73;
    public static final int EMM_INT_STATE1 = 0x74;
    public static final int EMM_INT_EN0 = 0x75;
    public static final int EMM_INT_EN1 = 0x76;
    public static final int LAST_SPI_DATA = 0x78;
    public static final int CRC_ERR_STATUS = 0x79;
    public static final int CRC_DIGEST = 0x7A;
    public static final int CFG_REG_ACC_EN = 0x7F;

    /** Written to {@link #SOFT_RESET} to reset the chip. */
    public static final int SOFT_RESET_KEY = 0x789A;
    /** Written to {@link #CFG_REG_ACC_EN} to unlock writes to 0x00..0x6F; any other value locks. */
    public static final int UNLOCK_KEY = 0x55AA;

    // ---- configuration -------------------------------------------------------------------
    public static final int PL_CONST_H = 0x31;
    public static final int PL_CONST_L = 0x32;
    public static final int MMODE0 = 0x33;
    public static final int MMODE1 = 0x34;
    /** MMode0 bit 12: 60 Hz line (else 50 Hz). */
    public static final int MMODE0_FREQ60HZ = 1 << 12;

    // ---- calibration (stride 2 per phase: A, B, C) -----------------------------------------
    public static final int POFFSET_A = 0x41;
    public static final int QOFFSET_A = 0x42;
    public static final int PQ_GAIN_A = 0x47;
    public static final int PHI_A = 0x48;

    // ---- measurement calibration (stride 4 per phase) -------------------------------------
    public static final int UGAIN_A = 0x61;
    public static final int IGAIN_A = 0x62;
    public static final int UOFFSET_A = 0x63;
    public static final int IOFFSET_A = 0x64;

    // ---- energy, read-with-clear (T, A, B, C) -----------------------------------------------
    public static final int AP_ENERGY_T = 0x80;
    public static final int AN_ENERGY_T = 0x84;
    public static final int RP_ENERGY_T = 0x88;
    public static final int RN_ENERGY_T = 0x8C;

    // ---- power, 32-bit as high word + LSB word (T, A, B, C) ---------------------------------
    public static final int PMEAN_T = 0xB0;
    public static final int QMEAN_T = 0xB4;
    public static final int SMEAN_T = 0xB8;
    public static final int PFMEAN_T = 0xBC;
    public static final int PMEAN_T_LSB = 0xC0;
    public static final int QMEAN_T_LSB = 0xC4;
    public static final int SMEAN_T_LSB = 0xC8;

    // ---- RMS, frequency, angles ---------------------------------------------------------------
    public static final int URMS_A = 0xD9;
    public static final int IRMS_N = 0xDC;
    public static final int IRMS_A = 0xDD;
    public static final int URMS_A_LSB = 0xE9;
    public static final int IRMS_A_LSB = 0xED;
    public static final int FREQ = 0xF8;
    public static final int PANGLE_A = 0xF9;
    public static final int TEMP = 0xFC;
    public static final int UANGLE_A = 0xFD;

    /** Address of a calibration register of phase {@code p} (0..2), stride 2 from phase A's. */
    public static int stride2(int phaseA, int p) {
        return phaseA + 2 * p;
    }

    /** Address of a measurement-calibration register of phase {@code p}, stride 4 from phase A's. */
    public static int stride4(int phaseA, int p) {
        return phaseA + 4 * p;
    }
}
