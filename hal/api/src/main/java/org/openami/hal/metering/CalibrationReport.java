package org.openami.hal.metering;

import java.util.List;

/**
 * Result of a calibration run: the coefficients to keep, and the active-power errors left
 * at each reference point after applying them (what a calibration certificate shows).
 */
public record CalibrationReport(CalibrationCoefficients coefficients, List<PointError> residualErrors) {

    public CalibrationReport {
        residualErrors = List.copyOf(residualErrors);
    }

    /** Worst absolute residual active-power error over every point and phase, in ppm. */
    public long worstErrorPpm() {
        return residualErrors.stream().mapToLong(e -> Math.abs(e.activePowerErrorPpm())).max().orElse(0);
    }

    /** Residual error of one phase at one reference point. */
    public record PointError(ReferenceLoad load, int phase, long activePowerErrorPpm) {
    }
}
