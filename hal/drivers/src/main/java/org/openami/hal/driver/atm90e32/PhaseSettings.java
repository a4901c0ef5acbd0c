package org.openami.hal.driver.atm90e32;

/**
 * One phase's calibration split into what the chip holds (register values) and what the
 * driver applies in software: the remainder of the current offset the Ioffset register
 * cannot hold, and the active/reactive gains the chip's shared PQGain and the quantised
 * Ugain/Igain leave over (in ppm; about 1,000,000 when the chip holds everything).
 */
record PhaseSettings(int ugain, int igain, int ioffset, int pqGain, int phi, int poffset,
                     int currentResidualMa, long activeSoftPpm, long reactiveSoftPpm) {
}
