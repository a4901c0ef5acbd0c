package org.openami.hal.metering;

import java.util.Collections;
import java.util.List;

/** Calibration of every phase of a front end, phase A first. Immutable. */
public record CalibrationCoefficients(List<PhaseCalibration> phases) {

    public CalibrationCoefficients {
        phases = List.copyOf(phases);
        if (phases.isEmpty() || phases.size() > 3) {
            throw new IllegalArgumentException("calibration needs 1..3 phases, got " + phases.size());
        }
    }

    /** Unity gains, no offsets, no phase correction. */
    public static CalibrationCoefficients identity(int phaseCount) {
        return new CalibrationCoefficients(Collections.nCopies(phaseCount, PhaseCalibration.IDENTITY));
    }

    public PhaseCalibration phase(int index) {
        return phases.get(index);
    }

    public CalibrationCoefficients with(int index, PhaseCalibration p) {
        var list = new java.util.ArrayList<>(phases);
        list.set(index, p);
        return new CalibrationCoefficients(list);
    }
}
