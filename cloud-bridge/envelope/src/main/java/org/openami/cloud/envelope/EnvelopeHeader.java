package org.openami.cloud.envelope;

import java.util.Objects;
import org.openami.cloud.message.MessageType;

/**
 * The authenticated header fields of an envelope (the nonce aside).
 *
 * @param version        envelope version, 1
 * @param type           message type; uplink types come from the concentrator, COMMAND from the cloud
 * @param concentratorId the concentrator the message comes from (uplink) or goes to (downlink);
 *                       1..64 of {@code [A-Za-z0-9._-]}, never "cloud"
 * @param senderKeyId    the sender's key generation, 0..2^31-1
 * @param recipientKeyId the recipient's key generation, 0..2^31-1
 * @param sequence       the sender's sequence number, 0..2^63-1, strictly increasing per sender
 * @param timestamp      epoch milliseconds the envelope was sealed, 0..2^63-1
 */
public record EnvelopeHeader(int version, MessageType type, String concentratorId, int senderKeyId,
                             int recipientKeyId, long sequence, long timestamp) {

    public EnvelopeHeader {
        if (version < 1 || version > 255) {
            throw new IllegalArgumentException("version " + version + " is out of range 1..255");
        }
        Objects.requireNonNull(type, "type");
        EnvelopeFormat.requirePartyId(concentratorId, "concentratorId");
        if (concentratorId.equals(EnvelopeFormat.CLOUD_ID)) {
            throw new IllegalArgumentException("concentratorId: \"cloud\" is the cloud's id");
        }
        EnvelopeFormat.requireKeyId(senderKeyId, "senderKeyId");
        EnvelopeFormat.requireKeyId(recipientKeyId, "recipientKeyId");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence " + Long.toUnsignedString(sequence) + " is out of range 0..2^63-1");
        }
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp " + Long.toUnsignedString(timestamp) + " is out of range 0..2^63-1");
        }
    }

    /** The sender's party id: the concentrator for uplink types, "cloud" for COMMAND. */
    public String senderId() {
        return type.uplink() ? concentratorId : EnvelopeFormat.CLOUD_ID;
    }

    /** The recipient's party id: "cloud" for uplink types, the concentrator for COMMAND. */
    public String recipientId() {
        return type.uplink() ? EnvelopeFormat.CLOUD_ID : concentratorId;
    }

    /** The concentrator's key generation (the sender's for uplink, the recipient's for downlink). */
    public int concentratorKeyId() {
        return type.uplink() ? senderKeyId : recipientKeyId;
    }

    /** The cloud's key generation (the recipient's for uplink, the sender's for downlink). */
    public int cloudKeyId() {
        return type.uplink() ? recipientKeyId : senderKeyId;
    }
}
