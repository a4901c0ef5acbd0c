/**
 * The concentrator's uplink: {@link Uplink} publishes the store-and-forward outbox
 * ({@link Outbox}) in sealed envelopes over MQTT 5 at QoS 1 with a bounded window of envelopes
 * in flight and a rate limit, marks entries delivered when the broker acknowledges them, replays
 * the backlog in order after an outage, and executes signed downlink commands
 * ({@link CommandExecutor}) after refusing unsigned, expired and replayed ones.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.cloud.uplink;
