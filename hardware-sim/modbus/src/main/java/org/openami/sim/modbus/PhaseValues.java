package org.openami.sim.modbus;

/**
 * What a meter measures on one phase at one instant. Simulator ground truth in SI units, so
 * doubles are fine here; the register layer rounds them to IEEE-754 single precision as the
 * real meter does.
 *
 * @param voltageV    line-to-neutral RMS voltage
 * @param currentA    RMS current
 * @param activeW     active power, negative when the phase exports
 * @param reactiveVar reactive power, positive when the current lags
 * @param apparentVa  apparent power, never negative
 * @param angleDeg    angle by which the current lags the voltage
 */
public record PhaseValues(double voltageV, double currentA, double activeW, double reactiveVar,
                          double apparentVa, double angleDeg) {

    /**
     * Power factor with the sign of the active power, as Eastron meters report it (positive for
     * forward current, negative for reverse); 1 when nothing flows.
     */
    public double powerFactor() {
        return apparentVa == 0 ? 1.0 : activeW / apparentVa;
    }
}
