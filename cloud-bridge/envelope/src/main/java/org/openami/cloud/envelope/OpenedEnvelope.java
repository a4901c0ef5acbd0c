package org.openami.cloud.envelope;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.openami.cloud.message.Message;
import org.openami.cloud.message.MessageCodec;
import org.openami.cloud.message.MessageFormatException;

/**
 * An envelope that passed every check of {@link EnvelopeOpener}: its authenticated header, the
 * decrypted CBOR body, and the SHA-256 digest of the whole envelope as received. The digest lets
 * a receiver tell a redelivered copy (same sequence, same digest: drop it) from a reused
 * sequence (same sequence, different digest: {@link EnvelopeException.Reason#REPLAYED}). The
 * arrays are fresh per envelope and not copied again by the accessors.
 *
 * @param header the header
 * @param body   the decrypted body, to decode with {@link MessageCodec#decode}
 * @param digest SHA-256 of the envelope bytes, 32 bytes
 */
public record OpenedEnvelope(EnvelopeHeader header, byte[] body, byte[] digest) {

    public OpenedEnvelope {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(digest, "digest");
    }

    /**
     * Decodes the body as the header's message type.
     *
     * @throws EnvelopeException {@link EnvelopeException.Reason#MALFORMED_BODY} with the decoder's reason
     */
    public Message message() throws EnvelopeException {
        try {
            return MessageCodec.decode(header.type(), body);
        } catch (MessageFormatException e) {
            throw new EnvelopeException(EnvelopeException.Reason.MALFORMED_BODY,
                    header.type() + " from " + header.senderId() + " sequence " + header.sequence() + ": " + e.getMessage(), e);
        }
    }

    /** The digest in lower-case hex. */
    public String digestHex() {
        return HexFormat.of().formatHex(digest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpenedEnvelope e && e.header.equals(header) && Arrays.equals(e.body, body)
                && Arrays.equals(e.digest, digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(header, Arrays.hashCode(body), Arrays.hashCode(digest));
    }

    @Override
    public String toString() {
        return "OpenedEnvelope[" + header + ", body=" + body.length + " bytes, digest=" + digestHex() + "]";
    }
}
