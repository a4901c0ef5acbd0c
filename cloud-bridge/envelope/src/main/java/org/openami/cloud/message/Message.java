package org.openami.cloud.message;

/**
 * A message body, before encoding or after decoding. Each implementation has one
 * {@link MessageType}; {@link MessageCodec} turns it into CBOR bytes and back.
 */
public sealed interface Message permits Telemetry, Events, CommandResults, Command {

    /** The type written into the envelope header for this message. */
    MessageType type();
}
