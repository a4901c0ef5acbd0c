/**
 * Metering front ends (the metering IC and its analog inputs), their readings, energy
 * accumulation without loss, and calibration.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.hal.metering;
