/** Simulated time: a manual clock for deterministic tests and a scaled clock for the demo. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.sim.time;
