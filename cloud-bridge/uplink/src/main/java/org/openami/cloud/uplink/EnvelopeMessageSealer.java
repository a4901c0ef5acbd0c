package org.openami.cloud.uplink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Objects;
import org.openami.cloud.envelope.EnvelopeSealer;
import org.openami.cloud.envelope.SequenceCounter;
import org.openami.cloud.message.Message;
import org.openami.cloud.message.MessageCodec;

/**
 * Seals messages in end-to-end envelopes: CBOR body, AES-256-GCM for the cloud, Ed25519
 * signature of this concentrator, a sequence number from a counter that never repeats across
 * restarts, and the time of sealing from the injected clock.
 */
public final class EnvelopeMessageSealer implements MessageSealer {

    private final EnvelopeSealer sealer;
    private final SequenceCounter sequence;
    private final Clock clock;

    public EnvelopeMessageSealer(EnvelopeSealer sealer, SequenceCounter sequence, Clock clock) {
        this.sealer = Objects.requireNonNull(sealer, "sealer");
        this.sequence = Objects.requireNonNull(sequence, "sequence");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public byte[] seal(Message message) throws IOException {
        byte[] body = MessageCodec.encode(message);
        try {
            return sealer.seal(message.type(), sequence.next(), clock.millis(), body);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
