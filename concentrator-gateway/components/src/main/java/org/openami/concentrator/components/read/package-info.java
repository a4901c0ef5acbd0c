/**
 * The collector's reader over the concentrator's protocol masters: a meter's channel by id,
 * then its protocol (DL/T 645-2007 or Modbus RTU). Used by the collector component and by the
 * benchmarks, so both read meters the same way.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.concentrator.components.read;
