/**
 * Hardware abstraction for meter boards. Nothing in this bundle depends on a bus
 * library: drivers (Pi4J, jSerialComm) implement these interfaces in their own bundle,
 * and metering code above depends only on this package.
 *
 * <p>Conventions every interface here follows:
 * <ul>
 *   <li>Every I/O method <b>blocks</b> the calling thread until the bus transaction has
 *       finished or failed; none spawns threads unless it says so.</li>
 *   <li>Objects are <b>not thread-safe</b> unless stated: one thread (the metrology loop)
 *       owns a front end, and callers serialise access to a relay.</li>
 *   <li>Bus and chip failures are reported as {@link org.openami.hal.HalException}
 *       subclasses after the driver's bounded retries are spent; a failed call leaves the
 *       driver usable for the next call.</li>
 *   <li>Quantities cross this boundary as integers of a fixed resolution
 *       (mV, mA, mW, mWh, mHz, 0.001 power factor), never floating point.</li>
 * </ul>
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.hal;
