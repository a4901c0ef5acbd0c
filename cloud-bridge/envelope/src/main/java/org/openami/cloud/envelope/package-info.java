/**
 * The end-to-end envelope between a concentrator and the cloud (docs/envelope.md): a
 * big-endian header that is also the AES-256-GCM additional data, the encrypted CBOR body, and
 * an Ed25519ph signature (RFC 8032, SHA-512 pre-hash, empty context) over both.
 * {@link EnvelopeSealer} makes envelopes, {@link EnvelopeOpener} checks and opens them,
 * {@link NodeKeys}, {@link PublicNodeKeys}, {@link KeyFiles} and {@link KeyDirectory} hold the
 * keys per party and key id, and {@link SequenceCounter} hands out sequence numbers that keep
 * increasing across restarts.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.cloud.envelope;
