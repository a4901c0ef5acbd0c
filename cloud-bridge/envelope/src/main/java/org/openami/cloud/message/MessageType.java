package org.openami.cloud.message;

/**
 * The kind of message an envelope carries, with its one-byte code in the envelope header.
 * {@link #COMMAND} is the only downlink type (cloud to concentrator); the others go up.
 */
public enum MessageType {
    /** Meter readings, concentrator to cloud. */
    TELEMETRY(1),
    /** Meter and concentrator events, concentrator to cloud. */
    EVENTS(2),
    /** Outcomes of commands, concentrator to cloud. */
    COMMAND_RESULTS(3),
    /** A command for one concentrator, cloud to concentrator. */
    COMMAND(16);

    private static final MessageType[] BY_CODE = new MessageType[256];

    static {
        for (MessageType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    /** The code in the envelope header (0..255). */
    public int code() {
        return code;
    }

    /** Whether this type travels from a concentrator to the cloud. */
    public boolean uplink() {
        return this != COMMAND;
    }

    /**
     * The type with this header code.
     *
     * @throws IllegalArgumentException if no type has this code
     */
    public static MessageType fromCode(int code) {
        MessageType t = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (t == null) {
            throw new IllegalArgumentException("unknown message type code " + code);
        }
        return t;
    }
}
