package org.openami.hal.driver.bl0942;

import java.math.BigInteger;
import org.openami.hal.metering.PhaseCalibration;
import org.openami.hal.metering.PhaseReading;

/**
 * Calibration the BL0942 cannot hold (it has no gain, phase or power-offset registers),
 * applied by the driver in integer arithmetic to one phase:
 * <ul>
 *   <li>voltage, current and active power: multiplied by their ppm gains, rounded to nearest;
 *       then the current offset (mA) and, unless the chip reports no-load (WATT = 0 below its
 *       creep threshold), the active-power offset (mW) are added;</li>
 *   <li>active energy: the energy of one CF count times the active-power gain, kept in whole
 *       picowatt-hours (the energy path keeps the sub-nWh remainder, so nothing is lost).
 *       The power offset does not apply to energy: the chip's own creep threshold handles
 *       no-load, and an offset has no counter to act on;</li>
 *   <li>the phase correction is <b>not</b> applied: the chip has no phase register and the
 *       driver sees only RMS values and P, not the waveforms. The BL0942 relies on its own
 *       matched current and voltage channels (shunt input, no CT); the HAL Calibrator's
 *       phase step computes a correction that this driver keeps but ignores.</li>
 * </ul>
 * Apparent power is Vrms x Irms, the power factor P / S. Immutable.
 */
final class SoftwareCalibration {

    private static final long PPM = 1_000_000;

    private final PhaseCalibration cal;
    private final Bl0942Scaling scaling;
    private final Bl0942Config.ReactivePower reactive;
    private final long picoWhPerCount;

    SoftwareCalibration(PhaseCalibration cal, Bl0942Scaling scaling, Bl0942Config.ReactivePower reactive) {
        this.cal = cal;
        this.scaling = scaling;
        this.reactive = reactive;
        this.picoWhPerCount = BigInteger.valueOf(scaling.picoWhPerCount())
                .multiply(BigInteger.valueOf(cal.activePowerGainPpm()))
                .add(BigInteger.valueOf(PPM / 2)).divide(BigInteger.valueOf(PPM)).longValueExact();
    }

    /** Calibrated energy of one CF_CNT count, in picowatt-hours. */
    long picoWhPerCount() {
        return picoWhPerCount;
    }

    PhaseReading reading(Bl0942Packet p) {
        int mv = (int) gain(scaling.millivolts(p.vRms()), cal.voltageGainPpm());
        int ma = (int) Math.max(0, gain(scaling.milliamps(p.iRms()), cal.currentGainPpm()) + cal.currentOffsetMa());
        long mw = p.watt() == 0 ? 0 : gain(scaling.milliwatts(p.watt()), cal.activePowerGainPpm()) + cal.activePowerOffsetMw();
        long mva = ((long) mv * ma + 500) / 1000;
        long mvar = reactive == Bl0942Config.ReactivePower.ZERO ? 0 : nonActive(mva, mw);
        return new PhaseReading(mv, ma, mw, mvar, mva, PhaseReading.powerFactorOf(mw, mva));
    }

    private static long gain(long value, int ppm) {
        return Math.floorDiv(Math.multiplyExact(value, ppm) + PPM / 2, PPM);
    }

    /** floor(sqrt(S^2 - P^2)), 0 when |P| >= S. */
    private static long nonActive(long s, long p) {
        long d = Math.subtractExact(Math.multiplyExact(s, s), Math.multiplyExact(p, p));
        if (d <= 0) {
            return 0;
        }
        long r = (long) Math.sqrt((double) d);
        while (r * r > d) {
            r--;
        }
        while ((r + 1) * (r + 1) <= d) {
            r++;
        }
        return r;
    }
}
