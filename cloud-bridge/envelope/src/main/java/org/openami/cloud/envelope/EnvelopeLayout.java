package org.openami.cloud.envelope;

import static org.openami.cloud.envelope.EnvelopeException.Reason.MALFORMED;
import static org.openami.cloud.envelope.EnvelopeException.Reason.UNSUPPORTED_VERSION;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.openami.cloud.message.MessageType;

/**
 * Where things are in an envelope of version 1: writes the header, and parses an envelope's
 * structure (syntax only, no cryptography) into a header and the offsets of its parts.
 *
 * @param header           the parsed header
 * @param headerLength     bytes of header, nonce included (= the AES-GCM additional data)
 * @param nonceOffset      where the 12-byte nonce starts
 * @param ciphertextOffset where the ciphertext (with tag) starts
 * @param ciphertextLength its length
 * @param signatureOffset  where the 64-byte signature starts (= the length of the signed bytes)
 */
record EnvelopeLayout(EnvelopeHeader header, int headerLength, int nonceOffset, int ciphertextOffset,
                      int ciphertextLength, int signatureOffset) {

    private static final int VERSION_OFFSET = 4;
    private static final int TYPE_OFFSET = 5;
    private static final int FLAGS_OFFSET = 6;
    private static final int ID_LENGTH_OFFSET = 7;
    private static final int ID_OFFSET = 8;

    /** The header length (nonce included) for a concentrator id of {@code idLength} bytes. */
    static int headerLength(int idLength) {
        return EnvelopeFormat.FIXED_HEADER_BYTES + idLength;
    }

    /**
     * Writes the header of {@code h} with {@code nonce} at the start of {@code out} and returns
     * its length.
     */
    static int writeHeader(byte[] out, EnvelopeHeader h, byte[] nonce) {
        byte[] id = h.concentratorId().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.wrap(out);
        b.put(EnvelopeFormat.MAGIC)
                .put((byte) h.version())
                .put((byte) h.type().code())
                .put((byte) 0)
                .put((byte) id.length)
                .put(id)
                .putInt(h.senderKeyId())
                .putInt(h.recipientKeyId())
                .putLong(h.sequence())
                .putLong(h.timestamp())
                .put(nonce);
        return b.position();
    }

    /**
     * Parses the header alone: magic, version, type, flags, id, key ids, sequence, timestamp.
     * Bytes after the header are not looked at.
     *
     * @throws EnvelopeException MALFORMED or UNSUPPORTED_VERSION
     */
    static EnvelopeHeader parseHeader(byte[] env) throws EnvelopeException {
        if (env.length < EnvelopeFormat.MAGIC.length) {
            throw new EnvelopeException(MALFORMED, env.length + " bytes, too short for an envelope");
        }
        for (int i = 0; i < EnvelopeFormat.MAGIC.length; i++) {
            if (env[i] != EnvelopeFormat.MAGIC[i]) {
                throw new EnvelopeException(MALFORMED, "does not start with the magic \"AMIE\"");
            }
        }
        if (env.length <= VERSION_OFFSET) {
            throw new EnvelopeException(MALFORMED, "truncated before the version");
        }
        int version = env[VERSION_OFFSET] & 0xff;
        if (version != EnvelopeFormat.VERSION) {
            throw new EnvelopeException(UNSUPPORTED_VERSION, "version " + version + ", only "
                    + EnvelopeFormat.VERSION + " is supported");
        }
        if (env.length < EnvelopeFormat.FIXED_HEADER_BYTES + 1) {
            throw new EnvelopeException(MALFORMED, env.length + " bytes, too short for a header");
        }
        int typeCode = env[TYPE_OFFSET] & 0xff;
        MessageType type;
        try {
            type = MessageType.fromCode(typeCode);
        } catch (IllegalArgumentException e) {
            throw new EnvelopeException(MALFORMED, "unknown message type code " + typeCode);
        }
        int flags = env[FLAGS_OFFSET] & 0xff;
        if (flags != 0) {
            throw new EnvelopeException(MALFORMED, "flags 0x" + Integer.toHexString(flags) + " set, must be 0");
        }
        int idLength = env[ID_LENGTH_OFFSET] & 0xff;
        if (idLength < 1 || idLength > EnvelopeFormat.MAX_ID_LENGTH) {
            throw new EnvelopeException(MALFORMED, "concentrator id length " + idLength + " is out of range 1.."
                    + EnvelopeFormat.MAX_ID_LENGTH);
        }
        int headerLength = headerLength(idLength);
        if (env.length < headerLength) {
            throw new EnvelopeException(MALFORMED, env.length + " bytes, too short for a header of " + headerLength);
        }
        for (int i = 0; i < idLength; i++) {
            int c = env[ID_OFFSET + i] & 0xff;
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                throw new EnvelopeException(MALFORMED, "concentrator id byte " + i + " (0x" + Integer.toHexString(c)
                        + ") is not one of [A-Za-z0-9._-]");
            }
        }
        String id = new String(env, ID_OFFSET, idLength, StandardCharsets.US_ASCII);
        if (id.equals(EnvelopeFormat.CLOUD_ID)) {
            throw new EnvelopeException(MALFORMED, "concentrator id is \"cloud\", the cloud's own id");
        }
        ByteBuffer b = ByteBuffer.wrap(env);
        int p = ID_OFFSET + idLength;
        int senderKeyId = b.getInt(p);
        int recipientKeyId = b.getInt(p + 4);
        long sequence = b.getLong(p + 8);
        long timestamp = b.getLong(p + 16);
        if (senderKeyId < 0) {
            throw new EnvelopeException(MALFORMED, "sender key id " + Integer.toUnsignedString(senderKeyId) + " is out of range");
        }
        if (recipientKeyId < 0) {
            throw new EnvelopeException(MALFORMED, "recipient key id " + Integer.toUnsignedString(recipientKeyId)
                    + " is out of range");
        }
        if (sequence < 0) {
            throw new EnvelopeException(MALFORMED, "sequence " + Long.toUnsignedString(sequence) + " is out of range");
        }
        if (timestamp < 0) {
            throw new EnvelopeException(MALFORMED, "timestamp " + Long.toUnsignedString(timestamp) + " is out of range");
        }
        return new EnvelopeHeader(version, type, id, senderKeyId, recipientKeyId, sequence, timestamp);
    }

    /**
     * Parses the whole structure: size bounds, header, ciphertext length, signature, and that
     * nothing follows the signature.
     *
     * @throws EnvelopeException MALFORMED or UNSUPPORTED_VERSION
     */
    static EnvelopeLayout parse(byte[] env) throws EnvelopeException {
        if (env.length > EnvelopeFormat.MAX_ENVELOPE_BYTES) {
            throw new EnvelopeException(MALFORMED, env.length + " bytes, more than the largest envelope ("
                    + EnvelopeFormat.MAX_ENVELOPE_BYTES + ")");
        }
        EnvelopeHeader header = parseHeader(env);
        int headerLength = headerLength(header.concentratorId().length());
        if (env.length < headerLength + 4) {
            throw new EnvelopeException(MALFORMED, "truncated before the ciphertext length");
        }
        long ctLength = ByteBuffer.wrap(env).getInt(headerLength) & 0xffffffffL;
        if (ctLength < EnvelopeFormat.TAG_BYTES || ctLength > EnvelopeFormat.MAX_CIPHERTEXT_BYTES) {
            throw new EnvelopeException(MALFORMED, "ciphertext length " + ctLength + " is out of range "
                    + EnvelopeFormat.TAG_BYTES + ".." + EnvelopeFormat.MAX_CIPHERTEXT_BYTES);
        }
        long expected = headerLength + 4 + ctLength + EnvelopeFormat.SIGNATURE_BYTES;
        if (env.length != expected) {
            throw new EnvelopeException(MALFORMED, env.length + " bytes, but header, ciphertext length " + ctLength
                    + " and signature make " + expected + (env.length < expected ? " (truncated)" : " (trailing bytes)"));
        }
        int ctOffset = headerLength + 4;
        return new EnvelopeLayout(header, headerLength, headerLength - EnvelopeFormat.NONCE_BYTES, ctOffset,
                (int) ctLength, ctOffset + (int) ctLength);
    }
}
