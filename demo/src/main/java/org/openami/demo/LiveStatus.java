package org.openami.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One moment of a demo run, as the live console shows it.
 *
 * @param phase         what the demo is doing
 * @param elapsed       real time since collection started
 * @param collection    real time collection runs in all ({@code --minutes})
 * @param simulatedNow  the concentrator's simulated time
 * @param speed         times faster than real time
 * @param dltMeters     DL/T 645 meters
 * @param modbusMeters  Modbus meters
 * @param dltBuses      DL/T 645 buses
 * @param counts        what the cloud's database holds
 * @param lastQuarter   the last due curve quarter, if any
 * @param lastDay       the data day of the last due daily freeze, if any
 * @param nextFreeze    when the next daily-freeze window opens (simulated)
 * @param perSecond     readings reaching PostgreSQL per real second, lately
 * @param replies       replies each bus put on its line, by channel id, in bus order
 * @param gateway       the concentrator's own status summary, or empty
 */
public record LiveStatus(Phase phase, Duration elapsed, Duration collection, Instant simulatedNow, int speed,
                         int dltMeters, int modbusMeters, int dltBuses, CloudProbe.Counts counts,
                         Optional<Instant> lastQuarter, Optional<Instant> lastDay, Instant nextFreeze,
                         double perSecond, Map<String, Long> replies, String gateway) {

    /** The stages of a run. */
    public enum Phase {
        COLLECTING("collecting"),
        DRAINING("meters off the buses; the concentrator delivers what it still holds"),
        STOPPING("stopping the concentrator");

        private final String text;

        Phase(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public LiveStatus {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(counts, "counts");
        replies = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(replies));
    }

    public int totalMeters() {
        return dltMeters + modbusMeters;
    }
}
