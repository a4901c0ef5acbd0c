package org.openami.dlt645.control;

/** The control types of DL/T 645-2007 function 1CH (byte N1). */
public enum RelayControlType {
    TRIP(0x1A), CLOSE_ALLOWED(0x1B), DIRECT_CLOSE(0x1C),
    ALARM(0x2A), ALARM_RELEASE(0x2B),
    KEEP_POWER(0x3A), KEEP_POWER_RELEASE(0x3B);

    private final int code;

    RelayControlType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @throws IllegalArgumentException for a byte that is no control type */
    public static RelayControlType fromCode(int code) {
        for (RelayControlType t : values()) {
            if (t.code == (code & 0xFF)) {
                return t;
            }
        }
        throw new IllegalArgumentException(String.format("unknown 1CH control type %02X", code & 0xFF));
    }
}
