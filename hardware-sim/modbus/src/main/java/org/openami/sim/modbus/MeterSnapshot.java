package org.openami.sim.modbus;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a three-phase meter shows at one instant: per-phase values, frequency and the
 * energy registers. Immutable; the register layout derives every published value from it, so
 * one request is always answered from one consistent instant.
 *
 * @param time          the instant the values belong to
 * @param phases        phases A, B, C (L1, L2, L3), exactly three
 * @param frequencyHz   line frequency
 * @param importKwh     active energy imported since manufacture, never decreases
 * @param exportKwh     active energy exported, never decreases
 * @param importKvarh   reactive energy with lagging current
 * @param exportKvarh   reactive energy with leading current
 * @param apparentKvah  apparent energy
 */
public record MeterSnapshot(Instant time, List<PhaseValues> phases, double frequencyHz, double importKwh,
                            double exportKwh, double importKvarh, double exportKvarh, double apparentKvah) {

    public MeterSnapshot {
        Objects.requireNonNull(time, "time");
        phases = List.copyOf(phases);
        if (phases.size() != 3) {
            throw new IllegalArgumentException("a three-phase meter has 3 phases, not " + phases.size());
        }
    }

    /** Phase {@code p}: 0 = A (L1), 1 = B, 2 = C. */
    public PhaseValues phase(int p) {
        return phases.get(p);
    }

    /** Sum of the phases' active power (import positive). */
    public double totalActiveW() {
        return phases.stream().mapToDouble(PhaseValues::activeW).sum();
    }

    /** Sum of the phases' reactive power. */
    public double totalReactiveVar() {
        return phases.stream().mapToDouble(PhaseValues::reactiveVar).sum();
    }

    /** Sum of the phases' apparent power (arithmetic, as the SDM630 adds them). */
    public double totalApparentVa() {
        return phases.stream().mapToDouble(PhaseValues::apparentVa).sum();
    }

    /** Total active over total apparent power, signed like the active power; 1 when idle. */
    public double totalPowerFactor() {
        double s = totalApparentVa();
        return s == 0 ? 1.0 : totalActiveW() / s;
    }

    /** Angle of the total power vector, atan2(Q, P) in degrees. */
    public double totalAngleDeg() {
        return Math.toDegrees(Math.atan2(totalReactiveVar(), totalActiveW()));
    }

    /** Mean of the three line-to-neutral voltages. */
    public double averageVoltageV() {
        return phases.stream().mapToDouble(PhaseValues::voltageV).average().orElse(0);
    }

    /** Sum of the three line currents. */
    public double sumOfCurrentsA() {
        return phases.stream().mapToDouble(PhaseValues::currentA).sum();
    }

    /** Mean of the three line currents. */
    public double averageCurrentA() {
        return sumOfCurrentsA() / 3;
    }

    /**
     * Line-to-line voltage between phase {@code p} and the next one (A-B, B-C, C-A), from the
     * phase voltages 120 degrees apart.
     */
    public double lineToLineV(int p) {
        double a = phase(p).voltageV();
        double b = phase((p + 1) % 3).voltageV();
        return Math.sqrt(a * a + b * b + a * b);
    }

    /** Neutral current: the magnitude of the phasor sum of the three line currents. */
    public double neutralCurrentA() {
        double re = 0;
        double im = 0;
        for (int p = 0; p < 3; p++) {
            double angle = Math.toRadians(-120.0 * p - phase(p).angleDeg());
            re += phase(p).currentA() * Math.cos(angle);
            im += phase(p).currentA() * Math.sin(angle);
        }
        return Math.hypot(re, im);
    }

    /** Import plus export active energy (the SDM630's "total kWh"). */
    public double totalKwh() {
        return importKwh + exportKwh;
    }

    /** Import plus export reactive energy (the SDM630's "total kvarh"). */
    public double totalKvarh() {
        return importKvarh + exportKvarh;
    }
}
