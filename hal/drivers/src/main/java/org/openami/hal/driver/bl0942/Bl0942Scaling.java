package org.openami.hal.driver.bl0942;

import java.math.BigInteger;

/**
 * Converts BL0942 register values to HAL units for one board, from the datasheet transfer
 * functions (Vref = 1.218 V, default current gain x16), the shunt Rs and the divider
 * k = (R1 + R2) / R1:
 * <pre>
 *   mV per V_RMS LSB  = 1218 * k / 73,989,000
 *   mA per I_RMS LSB  = 1,218,000 / (305,978 * Rs[uOhm])
 *   mW per WATT LSB   = 1,483,524 * k / (3,537,000 * Rs[uOhm])          (Vref^2 = 1.483524)
 *   pWh per CF count  = 419,430.4 * (mW per WATT LSB) / 1000 / 3600 * 1e12
 * </pre>
 * Every factor is an exact rational of the board's integers; it is held as a 32-bit
 * fixed-point multiplier (relative error below 1e-7) and applied in integer arithmetic with
 * rounding to nearest. The energy per count is rounded once to a whole picowatt-hour.
 * Reference design (Rs = 1 mOhm, 5 x 390k / 510R): 15,883 LSB/V, 251,213 LSB/A, 623.4 LSB/W,
 * 0.18690 Wh (5350.6 counts per kWh). Immutable.
 */
final class Bl0942Scaling {

    private static final int Q = 32;
    private static final long HALF = 1L << (Q - 1);

    private final long millivoltQ;
    private final long milliampQ;
    private final long milliwattQ;
    private final long picoWhPerCount;

    Bl0942Scaling(Bl0942Config c) {
        BigInteger r1 = BigInteger.valueOf(c.dividerLowerOhm());
        BigInteger r1r2 = r1.add(BigInteger.valueOf(c.dividerUpperOhm()));
        BigInteger rs = BigInteger.valueOf(c.shuntMicroOhm());
        millivoltQ = fixed(big(1218).multiply(r1r2), big(73_989_000).multiply(r1));
        milliampQ = fixed(big(1_218_000), big(305_978).multiply(rs));
        BigInteger mwNum = big(1_483_524).multiply(r1r2);
        BigInteger mwDen = big(3_537_000).multiply(rs).multiply(r1);
        milliwattQ = fixed(mwNum, mwDen);
        // 419430.4 = 4194304 / 10; mW -> W is /1000; s -> h is /3600; Wh -> pWh is * 1e12
        BigInteger num = big(4_194_304).multiply(mwNum).multiply(BigInteger.TEN.pow(12));
        BigInteger den = mwDen.multiply(big(10L * 1000 * 3600));
        picoWhPerCount = roundDiv(num, den).longValueExact();
    }

    int millivolts(long vRms) {
        return Math.toIntExact(apply(vRms, millivoltQ));
    }

    int milliamps(long iRms) {
        return Math.toIntExact(apply(iRms, milliampQ));
    }

    long milliwatts(long watt) {
        return apply(watt, milliwattQ);
    }

    /** Energy of one CF_CNT count before calibration, in picowatt-hours. */
    long picoWhPerCount() {
        return picoWhPerCount;
    }

    private static long apply(long raw, long factorQ) {
        return Math.addExact(Math.multiplyExact(raw, factorQ), HALF) >> Q;
    }

    private static long fixed(BigInteger num, BigInteger den) {
        return roundDiv(num.shiftLeft(Q), den).longValueExact();
    }

    private static BigInteger roundDiv(BigInteger num, BigInteger den) {
        return num.add(den.shiftRight(1)).divide(den);
    }

    private static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }
}
