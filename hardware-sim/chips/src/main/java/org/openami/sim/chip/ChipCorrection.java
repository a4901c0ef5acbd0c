package org.openami.sim.chip;

/**
 * What a chip's calibration registers do to one phase, decoded by the chip model into
 * plain factors: gains multiply, the phase correction is subtracted from the measured lag,
 * the power offset adds to active power (W), the RMS offset reduces the current in
 * quadrature (A).
 */
public record ChipCorrection(double voltageGain, double currentGain, double activeGain, double reactiveGain,
                             double phaseCorrectionDeg, double activeOffsetW, double currentOffsetA) {

    public static final ChipCorrection NONE = new ChipCorrection(1, 1, 1, 1, 0, 0, 0);
}
