package org.openami.hal.driver.ade7953;

import org.openami.hal.driver.support.Bits;

/**
 * Register codes to the HAL's integer units, in integer arithmetic only: VRMS to mV, IRMSA to
 * mA, AWATT/AVAR/AVA to mW/mvar/mVA, PFA to thousandths, PERIOD to mHz. Immutable.
 */
final class Ade7953Scaling {

    /** PERIOD counts a 223.75 kHz clock (CLKIN/16); frequency = 223750 / (PERIOD + 1) Hz. */
    static final long PERIOD_CLOCK_MILLI_HZ = 223_750_000L;
    /** PERIOD when the chip sees no zero crossings. */
    static final long NO_LINE_PERIOD = 0xFFFF;

    private final long pVPerLsb;
    private final long pAPerLsb;
    private final long nWPerLsb;

    Ade7953Scaling(Ade7953Config config) {
        this.pVPerLsb = config.picoVoltsPerVrmsLsb();
        this.pAPerLsb = config.picoAmpsPerIrmsLsb();
        this.nWPerLsb = config.nanoWattsPerPowerLsb();
    }

    int voltageMv(long vrms) {
        return Math.toIntExact(divRound(vrms * pVPerLsb, 1_000_000_000L));
    }

    /** RMS current plus the software offset (calibration), never below zero. */
    int currentMa(long irmsa, int offsetMa) {
        return Math.toIntExact(Math.max(0, divRound(irmsa * pAPerLsb, 1_000_000_000L) + offsetMa));
    }

    /** A signed 24-bit power register in milli-units (mW, mvar, mVA). */
    long powerMilli(long register24) {
        return divRound(Bits.signExtend(register24, 24) * nWPerLsb, 1_000_000L);
    }

    /** PFA (signed 16-bit, LSB 2^-15) in thousandths, clamped to -1000..1000. */
    static int powerFactorMilli(long pfa) {
        long milli = divRound(Bits.signExtend(pfa, 16) * 1000, 32_768);
        return (int) Math.max(-1000, Math.min(1000, milli));
    }

    /** Line frequency in mHz, or 0 when the chip sees no line voltage. */
    static int frequencyMilliHz(long period) {
        if (period >= NO_LINE_PERIOD) {
            return 0;
        }
        return (int) divRound(PERIOD_CLOCK_MILLI_HZ, period + 1);
    }

    /** {@code a / b} rounded half away from zero; {@code b > 0}. */
    static long divRound(long a, long b) {
        return a >= 0 ? (a + b / 2) / b : -((-a + b / 2) / b);
    }
}
