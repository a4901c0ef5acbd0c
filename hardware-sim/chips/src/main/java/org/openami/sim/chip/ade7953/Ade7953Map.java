package org.openami.sim.chip.ade7953;

import java.util.Map;
import java.util.Set;

/**
 * The ADE7953 register map as the model needs it: addresses, access widths, power-on
 * defaults, which registers are signed and which are writable. 24-bit registers
 * ({@code 0x2xx}) and their 32-bit views ({@code 0x3xx}) are one storage location, keyed
 * here by the 24-bit address. Defaults and widths follow the datasheet (Rev. B, tables 13-15).
 */
final class Ade7953Map {

    // 8-bit
    static final int SAGCYC = 0x000;
    static final int DISNOLOAD = 0x001;
    static final int LCYCMODE = 0x004;
    static final int PGA_V = 0x007;
    static final int PGA_IA = 0x008;
    static final int PGA_IB = 0x009;
    static final int WRITE_PROTECT = 0x040;
    static final int LAST_OP = 0x0FD;
    static final int UNLOCK = 0x0FE;
    static final int LAST_RWDATA_8 = 0x0FF;
    static final int VERSION = 0x702;
    static final int EX_REF = 0x800;
    // 16-bit
    static final int ZXTOUT = 0x100;
    static final int LINECYC = 0x101;
    static final int CONFIG = 0x102;
    static final int CF1DEN = 0x103;
    static final int CF2DEN = 0x104;
    static final int CFMODE = 0x107;
    static final int PHCALA = 0x108;
    static final int PHCALB = 0x109;
    static final int PFA = 0x10A;
    static final int PFB = 0x10B;
    static final int ANGLE_A = 0x10C;
    static final int ANGLE_B = 0x10D;
    static final int PERIOD = 0x10E;
    static final int ALT_OUTPUT = 0x110;
    static final int OPTIMUM = 0x120;
    static final int LAST_ADD = 0x1FE;
    static final int LAST_RWDATA_16 = 0x1FF;
    // 24-bit (32-bit view at +0x100)
    static final int AP_NOLOAD = 0x203;
    static final int VAR_NOLOAD = 0x204;
    static final int AVA = 0x210;
    static final int AWATT = 0x212;
    static final int AVAR = 0x214;
    static final int IRMSA = 0x21A;
    static final int IRMSB = 0x21B;
    static final int VRMS = 0x21C;
    static final int AENERGYA = 0x21E;
    static final int RENERGYA = 0x220;
    static final int APENERGYA = 0x222;
    static final int OVLVL = 0x224;
    static final int OILVL = 0x225;
    static final int IRQENA = 0x22C;
    static final int IRQSTATA = 0x22D;
    static final int RSTIRQSTATA = 0x22E;
    static final int IRQSTATB = 0x230;
    static final int RSTIRQSTATB = 0x231;
    static final int AIGAIN = 0x280;
    static final int AVGAIN = 0x281;
    static final int AWGAIN = 0x282;
    static final int AVARGAIN = 0x283;
    static final int AVAGAIN = 0x284;
    static final int AIRMSOS = 0x286;
    static final int VRMSOS = 0x288;
    static final int AWATTOS = 0x289;
    static final int AVAROS = 0x28A;
    static final int AVAOS = 0x28B;
    static final int LAST_RWDATA_24 = 0x2FF;
    static final int CRC = 0x37F;
    static final int LAST_RWDATA_32 = 0x3FF;

    static final int CONFIG_DEFAULT = 0x8004;
    static final int CONFIG_SWRST = 1 << 7;
    static final int LCYCMODE_RSTREAD = 1 << 6;
    static final int UNLOCK_KEY = 0xAD;
    static final int LAST_OP_READ = 0x35;
    static final int LAST_OP_WRITE = 0xCA;
    static final long UNITY_GAIN = 0x400000;

    static final int IRQ_AEHF = 1;
    static final int IRQ_VAREHF = 1 << 1;
    static final int IRQ_VAEHF = 1 << 2;
    static final int IRQ_AEOF = 1 << 3;
    static final int IRQ_VAREOF = 1 << 4;
    static final int IRQ_VAEOF = 1 << 5;
    static final int IRQ_RESET = 1 << 20;

    private static final Map<Integer, Long> DEFAULTS = Map.ofEntries(
            Map.entry(LCYCMODE, 0x40L), Map.entry(ZXTOUT, 0xFFFFL), Map.entry(CONFIG, (long) CONFIG_DEFAULT),
            Map.entry(CF1DEN, 0x3FL), Map.entry(CF2DEN, 0x3FL), Map.entry(CFMODE, 0x300L),
            // no-load defaults: secondary sources disagree; the most common reading is modelled
            Map.entry(AP_NOLOAD, 0xE419L), Map.entry(VAR_NOLOAD, 0xE419L),
            Map.entry(OVLVL, 0xFFFFFFL), Map.entry(OILVL, 0xFFFFFFL), Map.entry(IRQENA, 0x100000L),
            Map.entry(AIGAIN, UNITY_GAIN), Map.entry(AVGAIN, UNITY_GAIN), Map.entry(AWGAIN, UNITY_GAIN),
            Map.entry(AVARGAIN, UNITY_GAIN), Map.entry(AVAGAIN, UNITY_GAIN), Map.entry(0x28C, UNITY_GAIN),
            Map.entry(0x28D, UNITY_GAIN), Map.entry(0x28E, UNITY_GAIN), Map.entry(0x28F, UNITY_GAIN),
            Map.entry(0x290, UNITY_GAIN));

    /** Read-only registers: writes are acknowledged on the bus but change nothing. */
    private static final Set<Integer> READ_ONLY = Set.of(LAST_OP, LAST_RWDATA_8, VERSION, PFA, PFB, ANGLE_A,
            ANGLE_B, PERIOD, LAST_ADD, LAST_RWDATA_16, 0x226, 0x227, 0x228, 0x229, 0x22A, 0x22B,
            IRQSTATA, RSTIRQSTATA, IRQSTATB, RSTIRQSTATB, LAST_RWDATA_24, CRC);

    private Ade7953Map() {
    }

    /** Access width in bytes: by address range, except VERSION and EX_REF (8-bit). */
    static int width(int address) {
        if (address == VERSION || address == EX_REF) {
            return 1;
        }
        return ((address >> 8) & 3) + 1;
    }

    /** The storage key: a 32-bit view maps onto its 24-bit register. */
    static int storage(int address) {
        return (address & 0xF00) == 0x300 && address != CRC ? address - 0x100 : address;
    }

    static long defaultOf(int storageAddress) {
        return DEFAULTS.getOrDefault(storageAddress, 0L);
    }

    static boolean writable(int storageAddress) {
        return !READ_ONLY.contains(storageAddress) && !isMeasurement(storageAddress);
    }

    /** Results the DSP computes (powers, waveforms, RMS, energies, peaks): read-only. */
    static boolean isMeasurement(int storageAddress) {
        return storageAddress >= 0x210 && storageAddress <= 0x22B && storageAddress != OVLVL && storageAddress != OILVL;
    }

    /** Signed 24-bit registers, sign-extended in their 32-bit view (the rest are zero-extended, assumed). */
    static boolean signed24(int storageAddress) {
        boolean results = storageAddress >= AVA && storageAddress <= 0x218
                || storageAddress >= AENERGYA && storageAddress <= 0x223;
        boolean offsets = storageAddress >= 0x285 && storageAddress <= AVAOS
                || storageAddress >= 0x291 && storageAddress <= 0x297;
        return results || offsets;
    }

    static boolean isEnergy(int storageAddress) {
        return storageAddress >= AENERGYA && storageAddress <= 0x223;
    }

    static boolean isLastRegister(int address) {
        return address == LAST_OP || address == LAST_ADD || address == LAST_RWDATA_8 || address == LAST_RWDATA_16
                || address == LAST_RWDATA_24 || address == LAST_RWDATA_32;
    }
}
