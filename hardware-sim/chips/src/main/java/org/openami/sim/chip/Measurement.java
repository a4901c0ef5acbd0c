package org.openami.sim.chip;

import org.openami.sim.load.PhaseState;

/**
 * One phase as a metering chip computes it from its ADC samples, in physical units, before
 * the chip quantises it into registers.
 */
public record Measurement(double voltageV, double currentA, double activeW, double reactiveVar,
                          double apparentVa, double frequencyHz) {

    /** The chip's view of {@code truth} through the front end's errors and the chip's corrections. */
    public static Measurement of(PhaseState truth, AnalogErrors fe, ChipCorrection c) {
        double v = truth.voltageV() * fe.voltageGain();
        double iRaw = truth.currentA() * fe.currentGain();
        double iWithOffset = Math.sqrt(iRaw * iRaw + fe.currentOffsetA() * fe.currentOffsetA());
        double lag = Math.toRadians(truth.lagDeg() + fe.phaseErrorDeg() - c.phaseCorrectionDeg());
        double s = v * iRaw;
        double p = s * Math.cos(lag) * c.activeGain() + c.activeOffsetW();
        double q = s * Math.sin(lag) * c.reactiveGain();
        double iRms = Math.sqrt(Math.max(0, iWithOffset * iWithOffset - c.currentOffsetA() * Math.abs(c.currentOffsetA())))
                * c.currentGain();
        double vRms = v * c.voltageGain();
        return new Measurement(vRms, iRms, p, q, vRms * iRms, truth.frequencyHz());
    }
}
