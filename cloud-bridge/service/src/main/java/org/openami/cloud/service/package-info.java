/**
 * The cloud side of the bridge: {@link CloudService} runs ingest workers that take envelopes
 * from the broker through an MQTT 5 shared subscription, verify and open them, write their
 * contents idempotently to PostgreSQL and quarantine whatever fails a check; it also seals and
 * sends signed commands. {@link CloudFiles} lays out and initialises its data folder (project
 * CA, broker and service certificates, envelope keys).
 */
package org.openami.cloud.service;
