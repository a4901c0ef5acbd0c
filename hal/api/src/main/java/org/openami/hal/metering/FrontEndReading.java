package org.openami.hal.metering;

import java.util.List;

/**
 * One reading of every phase of a front end, taken as close together as the chip allows.
 *
 * @param phases            phase A first; one element for single-phase chips
 * @param frequencyMilliHz  line frequency in millihertz (50 Hz = 50000)
 */
public record FrontEndReading(List<PhaseReading> phases, int frequencyMilliHz) {

    public FrontEndReading {
        phases = List.copyOf(phases);
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("a reading needs at least one phase");
        }
    }

    /** Sum of the phases' active power in milliwatts. */
    public long totalActivePowerMw() {
        return phases.stream().mapToLong(PhaseReading::activePowerMw).sum();
    }

    /** Sum of the phases' reactive power in millivar. */
    public long totalReactivePowerMvar() {
        return phases.stream().mapToLong(PhaseReading::reactivePowerMvar).sum();
    }
}
