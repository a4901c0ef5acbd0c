package org.openami.hal.driver.atm90e32;

/**
 * ATM90E32AS register addresses the driver uses (the E32AS map, not the ATM90E36A's:
 * LastSPIData is 0x78 here, and there is no SysStatus or checksum block). Per-phase
 * registers are listed for phase A with their stride.
 */
final class Atm90e32Registers {

    private Atm90e32Registers() {
    }

    static final int READ_BIT = 0x8000;
    static final int ADDRESS_MASK = 0x03FF;

    static final int METER_EN = 0x00;
    static final int PL_CONST_H = 0x31;
    static final int PL_CONST_L = 0x32;
    static final int MMODE0 = 0x33;
    static final int MMODE1 = 0x34;
    static final int SOFT_RESET = 0x70;
    static final int LAST_SPI_DATA = 0x78;
    static final int CFG_REG_ACC_EN = 0x7F;

    static final int SOFT_RESET_KEY = 0x789A;
    static final int UNLOCK_KEY = 0x55AA;
    static final int LOCK_VALUE = 0x0000;

    /** MMode0: EnPA|EnPB|EnPC (all phases in the totals) and CF2 = reactive: 3P4W, 50 Hz. */
    static final int MMODE0_3P4W = 0x0087;
    static final int MMODE0_FREQ60HZ = 1 << 12;

    // calibration, stride 2 per phase
    static final int POFFSET_A = 0x41;
    static final int QOFFSET_A = 0x42;
    static final int PQ_GAIN_A = 0x47;
    static final int PHI_A = 0x48;
    // measurement calibration, stride 4 per phase
    static final int UGAIN_A = 0x61;
    static final int IGAIN_A = 0x62;
    static final int UOFFSET_A = 0x63;
    static final int IOFFSET_A = 0x64;

    // energy, read-with-clear; phase A at +1 from the total, B +2, C +3
    static final int AP_ENERGY_T = 0x80;
    static final int AN_ENERGY_T = 0x84;
    static final int RP_ENERGY_T = 0x88;
    static final int RN_ENERGY_T = 0x8C;

    // measurements; phase A at +1 from the total for P/Q/S/PF
    static final int PMEAN_T = 0xB0;
    static final int QMEAN_T = 0xB4;
    static final int SMEAN_T = 0xB8;
    static final int PFMEAN_T = 0xBC;
    static final int PMEAN_T_LSB = 0xC0;
    static final int QMEAN_T_LSB = 0xC4;
    static final int SMEAN_T_LSB = 0xC8;
    static final int URMS_A = 0xD9;
    static final int IRMS_A = 0xDD;
    static final int URMS_A_LSB = 0xE9;
    static final int IRMS_A_LSB = 0xED;
    static final int FREQ = 0xF8;

    static int stride2(int phaseA, int p) {
        return phaseA + 2 * p;
    }

    static int stride4(int phaseA, int p) {
        return phaseA + 4 * p;
    }
}
