package org.openami.cloud.message;

/**
 * The bounds every message body respects. {@link MessageCodec#encode} refuses a message outside
 * them and {@link MessageCodec#decode} rejects a body outside them, so a sender learns about an
 * oversized batch before it leaves. Text lengths count Unicode code points; identifiers are
 * ASCII, so their code points are bytes.
 */
public final class MessageLimits {

    /** Largest encoded body: 4 MiB. */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    /** Most readings, events or command results in one message. */
    public static final int MAX_ITEMS = 10_000;
    /** Longest meter address: "" or 1..32 characters of {@code [A-Za-z0-9:._-]}. */
    public static final int MAX_METER_LENGTH = 32;
    /** Longest command id: 1..64 characters of {@code [A-Za-z0-9._:-]}. */
    public static final int MAX_COMMAND_ID_LENGTH = 64;
    /** Longest event detail (code points, any well-formed text). */
    public static final int MAX_DETAIL_LENGTH = 1024;
    /** Longest command result reason (code points, any well-formed text). */
    public static final int MAX_REASON_LENGTH = 1024;
    /** Longest command name in a command result (code points, any well-formed text). */
    public static final int MAX_COMMAND_NAME_LENGTH = 64;
    /** Most parameters of a command. */
    public static final int MAX_PARAMS = 16;
    /** Longest parameter key: 1..32 characters of {@code [a-z0-9._-]}. */
    public static final int MAX_PARAM_KEY_LENGTH = 32;
    /** Longest parameter value (code points, no control characters). */
    public static final int MAX_PARAM_VALUE_LENGTH = 256;

    private MessageLimits() {
    }

    /**
     * Cuts free text (an event detail, a failure reason) to at most {@code maxCodePoints} code
     * points, replacing unpaired surrogates with U+FFFD, so it always fits its limit. Senders use
     * it on text they do not control, such as an exception message.
     */
    public static String truncate(String text, int maxCodePoints) {
        if (maxCodePoints < 0) {
            throw new IllegalArgumentException("maxCodePoints " + maxCodePoints + " is negative");
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxCodePoints * 2));
        int count = 0;
        for (int i = 0; i < text.length() && count < maxCodePoints; count++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(i + 1));
                i += 2;
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
                i++;
            }
        }
        return out.toString();
    }
}
