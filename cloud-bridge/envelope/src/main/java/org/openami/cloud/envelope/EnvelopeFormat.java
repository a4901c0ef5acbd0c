package org.openami.cloud.envelope;

import java.nio.charset.StandardCharsets;
import org.openami.cloud.message.MessageLimits;

/**
 * Constants of envelope version 1 (docs/envelope.md) and the syntax of party ids.
 *
 * <pre>
 * header (also the AES-GCM additional data):
 *   magic "AMIE" | version u8 = 1 | type u8 | flags u8 = 0 | idLength u8 | concentratorId |
 *   senderKeyId u32 | recipientKeyId u32 | sequence u64 | timestamp u64 | nonce 12 bytes
 * body:       ciphertextLength u32 | ciphertext (including the 16-byte tag)
 * signature:  64 bytes Ed25519ph (RFC 8032, empty context) over
 *             PH = SHA-512(header || ciphertextLength || ciphertext)
 * </pre>
 *
 * All integers are big-endian and unsigned on the wire; key ids, sequences and timestamps with
 * the top bit set are rejected, so they fit Java's int and long.
 */
public final class EnvelopeFormat {

    /** The first four bytes of every envelope: ASCII "AMIE". */
    public static final byte[] MAGIC = "AMIE".getBytes(StandardCharsets.US_ASCII);
    /** The envelope version this code writes and reads. */
    public static final int VERSION = 1;
    /** The party id of the cloud; no concentrator may use it. */
    public static final String CLOUD_ID = "cloud";
    /** Longest party id (concentrator id) in bytes. */
    public static final int MAX_ID_LENGTH = 64;
    /** AES-GCM nonce length. */
    public static final int NONCE_BYTES = 12;
    /** AES-GCM tag length. */
    public static final int TAG_BYTES = 16;
    /** Ed25519ph signature length. */
    public static final int SIGNATURE_BYTES = 64;
    /** Header length without the concentrator id: 4+1+1+1+1 + 4+4+8+8 + 12. */
    public static final int FIXED_HEADER_BYTES = 44;
    /** Largest plaintext body: {@link MessageLimits#MAX_BODY_BYTES}. */
    public static final int MAX_BODY_BYTES = MessageLimits.MAX_BODY_BYTES;
    /** Largest ciphertext (body plus tag). */
    public static final int MAX_CIPHERTEXT_BYTES = MAX_BODY_BYTES + TAG_BYTES;
    /** Smallest well-formed envelope: one-byte id, empty body. */
    public static final int MIN_ENVELOPE_BYTES = FIXED_HEADER_BYTES + 1 + 4 + TAG_BYTES + SIGNATURE_BYTES;
    /** Largest well-formed envelope: 64-byte id, 4 MiB body. */
    public static final int MAX_ENVELOPE_BYTES = FIXED_HEADER_BYTES + MAX_ID_LENGTH + 4 + MAX_CIPHERTEXT_BYTES
            + SIGNATURE_BYTES;

    private EnvelopeFormat() {
    }

    /**
     * Whether {@code id} is a valid party id: 1..64 ASCII characters of {@code [A-Za-z0-9._-]}.
     */
    public static boolean isValidPartyId(String id) {
        return partyIdProblem(id) == null;
    }

    /** Null if the party id is valid, otherwise what is wrong with it. */
    static String partyIdProblem(String id) {
        if (id == null) {
            return "missing";
        }
        if (id.isEmpty()) {
            return "empty";
        }
        if (id.length() > MAX_ID_LENGTH) {
            return "longer than " + MAX_ID_LENGTH + " characters";
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return "character " + (c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c))
                        + " at " + i + " is not one of [A-Za-z0-9._-]";
            }
        }
        return null;
    }

    /** Checks a party id, throwing IllegalArgumentException naming {@code what}. */
    static String requirePartyId(String id, String what) {
        String problem = partyIdProblem(id);
        if (problem != null) {
            throw new IllegalArgumentException(what + ": " + problem);
        }
        return id;
    }

    /** Checks a key id (0..2^31-1), throwing IllegalArgumentException naming {@code what}. */
    static int requireKeyId(int keyId, String what) {
        if (keyId < 0) {
            throw new IllegalArgumentException(what + " " + Integer.toUnsignedString(keyId)
                    + " is out of range 0..2147483647");
        }
        return keyId;
    }
}
