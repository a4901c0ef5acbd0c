/**
 * Load models: the physical truth (voltage, current, phase angle, frequency) that chip
 * models measure. Every model is a pure function of time and a seed, so a test gets the
 * same values whatever the order and rate of its reads.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.sim.load;
