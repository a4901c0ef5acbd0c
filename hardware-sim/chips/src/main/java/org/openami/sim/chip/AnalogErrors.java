package org.openami.sim.chip;

import java.util.SplittableRandom;

/**
 * The errors of one phase's analog front end before calibration: divider and shunt/CT
 * tolerances (gains), the CT's phase shift, and a small current offset (noise floor).
 * Calibration exists to remove them.
 *
 * @param voltageGain   measured/true voltage ratio, e.g. 1.02
 * @param currentGain   measured/true current ratio
 * @param phaseErrorDeg added to the current's lag by the CT and filters
 * @param currentOffsetA RMS current seen with no load (adds in quadrature)
 */
public record AnalogErrors(double voltageGain, double currentGain, double phaseErrorDeg, double currentOffsetA) {

    public static final AnalogErrors NONE = new AnalogErrors(1, 1, 0, 0);

    /** Plausible component tolerances: gains within +-4%, CT phase within +-0.6 degree, offset up to 4 mA. */
    public static AnalogErrors typical(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return new AnalogErrors(1 + r.nextDouble(-0.03, 0.03), 1 + r.nextDouble(-0.04, 0.04),
                r.nextDouble(-0.6, 0.6), r.nextDouble(0, 0.004));
    }
}
