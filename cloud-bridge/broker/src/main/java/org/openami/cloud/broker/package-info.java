/**
 * MQTT 5 brokers for the cloud side. Concentrators publish sealed envelopes at QoS 1 with
 * persistent sessions; the cloud service consumes them through shared subscriptions.
 * {@link org.openami.cloud.broker.EmbeddedHiveMq} runs HiveMQ Community Edition inside the
 * JVM (the default, so one command runs the whole cloud side);
 * {@link org.openami.cloud.broker.MosquittoBroker} runs the {@code mosquitto} binary as a
 * child process. Both listen with TLS 1.3 and require a client certificate, keep sessions and
 * queued QoS 1 messages in {@link org.openami.cloud.broker.BrokerSettings#dataDir()} across
 * restarts, and are described by {@link org.openami.cloud.broker.BrokerSettings}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.cloud.broker;
