package org.openami.hal.metering;

/**
 * A load applied by a reference source (a meter test bench, or the simulator's load model)
 * to every phase of the meter under calibration.
 *
 * @param voltageMv      RMS voltage, mV
 * @param currentMa      RMS current, mA
 * @param lagMilliDeg    angle by which the current lags the voltage, 0.001 degree
 *                       (0 = PF 1, 60000 = PF 0.5 lagging)
 */
public record ReferenceLoad(int voltageMv, int currentMa, int lagMilliDeg) {

    public ReferenceLoad {
        if (voltageMv <= 0 || currentMa < 0) {
            throw new IllegalArgumentException("reference voltage must be positive and current not negative");
        }
        if (Math.abs(lagMilliDeg) > 180_000) {
            throw new IllegalArgumentException("lag out of +-180 degrees: " + lagMilliDeg);
        }
    }

    /** Active power per phase this load draws, in mW (rounded). */
    public long activePowerMw() {
        return Math.round(voltageMv / 1000.0 * currentMa * Math.cos(Math.toRadians(lagMilliDeg / 1000.0)));
    }

    /** Reactive power per phase this load draws, in mvar (rounded; inductive positive). */
    public long reactivePowerMvar() {
        return Math.round(voltageMv / 1000.0 * currentMa * Math.sin(Math.toRadians(lagMilliDeg / 1000.0)));
    }
}
