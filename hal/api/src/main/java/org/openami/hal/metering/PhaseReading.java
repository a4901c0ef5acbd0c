package org.openami.hal.metering;

/**
 * Instantaneous values of one phase, in fixed integer resolutions. Powers are signed:
 * negative active power is export (for example PV feeding the grid), negative reactive
 * power is capacitive.
 *
 * @param voltageMv          RMS voltage in millivolts
 * @param currentMa          RMS current in milliamperes (magnitude)
 * @param activePowerMw      active power in milliwatts
 * @param reactivePowerMvar  reactive power in millivar
 * @param apparentPowerMva   apparent power in millivolt-amperes (never negative)
 * @param powerFactorMilli   power factor in thousandths, signed like active power (-1000..1000)
 */
public record PhaseReading(int voltageMv, int currentMa, long activePowerMw, long reactivePowerMvar,
                           long apparentPowerMva, int powerFactorMilli) {

    public PhaseReading {
        if (voltageMv < 0 || currentMa < 0 || apparentPowerMva < 0) {
            throw new IllegalArgumentException("RMS values and apparent power cannot be negative");
        }
        if (powerFactorMilli < -1000 || powerFactorMilli > 1000) {
            throw new IllegalArgumentException("power factor out of range: " + powerFactorMilli);
        }
    }

    /** Power factor derived from P and S, for chips without a PF register. */
    public static int powerFactorOf(long activePowerMw, long apparentPowerMva) {
        if (apparentPowerMva == 0) {
            return 1000;
        }
        long pf = Math.round(activePowerMw * 1000.0 / apparentPowerMva);
        return (int) Math.max(-1000, Math.min(1000, pf));
    }
}
