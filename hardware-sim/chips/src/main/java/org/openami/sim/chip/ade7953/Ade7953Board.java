package org.openami.sim.chip.ade7953;

/**
 * The analog front end around the chip, as plain numbers, so the model does not depend on
 * the driver (whose {@code Ade7953Config} holds the same nominal values for the driver side).
 * Component tolerances are not here: they are the model's {@code AnalogErrors}.
 *
 * @param voltageDividerRatio line volts per volt at the V input pins (1 MOhm + 1 kOhm: 1001)
 * @param shuntOhms           current-sense resistance on channel A (250 uOhm: 0.00025)
 */
public record Ade7953Board(double voltageDividerRatio, double shuntOhms) {

    public Ade7953Board {
        if (!(voltageDividerRatio >= 1) || !(shuntOhms > 0)) {
            throw new IllegalArgumentException("divider ratio must be >= 1 and shunt positive");
        }
    }
}
