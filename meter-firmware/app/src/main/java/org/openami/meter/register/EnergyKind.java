package org.openami.meter.register;

import org.openami.hal.metering.EnergyDelta;

/** The energy registers a meter keeps, each as a total and per tariff. */
public enum EnergyKind {
    /** Forward (import) active energy, mWh: {@code 0001xx00}. */
    FORWARD_ACTIVE,
    /** Reverse (export) active energy, mWh: {@code 0002xx00}. */
    REVERSE_ACTIVE,
    /** Import (inductive, quadrants I+II) reactive energy, mvarh: {@code 0003xx00}. */
    IMPORT_REACTIVE,
    /** Export (capacitive, quadrants III+IV) reactive energy, mvarh: {@code 0004xx00}. */
    EXPORT_REACTIVE;

    long of(EnergyDelta d) {
        return switch (this) {
            case FORWARD_ACTIVE -> d.importActiveMwh();
            case REVERSE_ACTIVE -> d.exportActiveMwh();
            case IMPORT_REACTIVE -> d.importReactiveMvarh();
            case EXPORT_REACTIVE -> d.exportReactiveMvarh();
        };
    }
}
