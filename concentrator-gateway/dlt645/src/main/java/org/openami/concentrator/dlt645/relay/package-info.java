/**
 * Relay actuation at the concentrator (local prepayment: trip, alarm, reconnect while the
 * uplink may be down). {@link org.openami.concentrator.dlt645.relay.RelayActuator} signs DL/T 645
 * control commands (1CH) with each meter's key diversified from a master key, sends them once
 * at control priority, reads status word 3 back and retries with a fresh counter until the relay
 * follows or the attempts are used up; the result is a
 * {@link org.openami.concentrator.dlt645.relay.RelayOutcome}.
 * {@link org.openami.concentrator.dlt645.relay.FileControlCounter} keeps the per-meter
 * anti-replay counters durable.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.concentrator.dlt645.relay;
