package org.openami.hal.metering;

/** The four energy accumulators every front end keeps. */
public enum EnergyQuantity {
    /** Active energy taken from the grid (forward, import). */
    IMPORT_ACTIVE,
    /** Active energy fed to the grid (reverse, export). */
    EXPORT_ACTIVE,
    /** Reactive energy, inductive (positive Q). */
    IMPORT_REACTIVE,
    /** Reactive energy, capacitive (negative Q). */
    EXPORT_REACTIVE
}
