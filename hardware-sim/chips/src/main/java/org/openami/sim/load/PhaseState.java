package org.openami.sim.load;

/**
 * What is physically on one phase at an instant: RMS voltage and current, the angle by
 * which the current lags the voltage (0 = resistive, 60 = PF 0.5 inductive, 180 = pure
 * export), and line frequency. Simulator ground truth, so doubles are fine here.
 */
public record PhaseState(double voltageV, double currentA, double lagDeg, double frequencyHz) {

    /** What a test bench applying {@code load} puts on a phase, at {@code frequencyHz}. */
    public static PhaseState of(org.openami.hal.metering.ReferenceLoad load, double frequencyHz) {
        return new PhaseState(load.voltageMv() / 1000.0, load.currentMa() / 1000.0, load.lagMilliDeg() / 1000.0, frequencyHz);
    }

    public static PhaseState ofPower(double voltageV, double activeW, double reactiveVar, double frequencyHz) {
        double s = Math.hypot(activeW, reactiveVar);
        double lag = s == 0 ? 0 : Math.toDegrees(Math.atan2(reactiveVar, activeW));
        return new PhaseState(voltageV, s / voltageV, lag, frequencyHz);
    }

    public double activeW() {
        return voltageV * currentA * Math.cos(Math.toRadians(lagDeg));
    }

    public double reactiveVar() {
        return voltageV * currentA * Math.sin(Math.toRadians(lagDeg));
    }

    public double apparentVa() {
        return voltageV * currentA;
    }
}
