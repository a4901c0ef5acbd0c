/** The supply relay's electromechanics: coil pulses, contacts, feedback, and their faults. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.sim.relay;
