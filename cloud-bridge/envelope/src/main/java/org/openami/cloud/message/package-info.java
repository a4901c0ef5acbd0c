/**
 * What travels inside an envelope: the {@link Message} types ({@link Telemetry}, {@link Events},
 * {@link CommandResults} up from a concentrator, {@link Command} down to it) and
 * {@link MessageCodec}, their compact CBOR body encoding (documented in docs/envelope.md).
 * Decoding is strict and bounded: anything that is not exactly the documented layout is a
 * {@link MessageFormatException} naming the field and item.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.cloud.message;
