/**
 * How requests reach meters. A {@link Channel} is one medium to a set of meters: an RS-485
 * bus today, a PLC modem or a wireless gateway later. Callers {@link Channel#submit submit} a
 * {@link Request} and get a future; the channel decides when it goes out (priorities, one at
 * a time on a half-duplex bus), retries it with backoff, and keeps per-meter
 * {@link LineQuality}. Transports ({@link Transport}) are adapters at the edge: this package
 * knows no serial library.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.concentrator.channel;
