/**
 * Register-level models of metering ICs and what they share: the analog front end's
 * errors, the metrology every chip does (RMS, powers, energy integration), ground truth for
 * accuracy tests, and fault injection.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.sim.chip;
