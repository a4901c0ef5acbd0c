/**
 * What the concentrator collects and keeps until the cloud has it: {@link Reading}s,
 * {@link MeterEvent}s and {@link CommandResult}s. Values are integers in fixed units
 * ({@link Quantity#unit()}); times are epoch milliseconds (UTC). Immutable, no I/O.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.concentrator.model;
