package org.openami.dlt645;

import java.util.Objects;

/**
 * The control byte C of a DL/T 645-2007 frame:
 * <pre>
 *   D7  direction        0 = master (concentrator) to slave (meter), 1 = slave to master
 *   D6  abnormal reply   1 = the slave could not carry out the request (data is one error byte)
 *   D5  follow-up        1 = the slave has further frames (read them with 12H)
 *   D4..D0 function      {@link Function}
 * </pre>
 * D6 and D5 are slave reply flags: a request with either set, and an abnormal reply that
 * also announces follow-up frames, are rejected. Instances are interned: there is one per
 * valid byte, and {@link #fromByte(int)} is a table lookup. Immutable and thread-safe.
 */
public final class ControlCode {

    /** D7: the frame comes from the meter. */
    public static final int DIRECTION_BIT = 0x80;
    /** D6: abnormal reply. */
    public static final int ABNORMAL_BIT = 0x40;
    /** D5: follow-up frames exist. */
    public static final int FOLLOW_UP_BIT = 0x20;
    /** D4..D0: the function code. */
    public static final int FUNCTION_MASK = 0x1F;

    /** Function codes (D4..D0) of DL/T 645-2007. Maps codes both ways; unknown codes are rejected. */
    public enum Function {
        /** 08H broadcast time sync; meters never answer it. */
        BROADCAST_TIME_SYNC(0x08),
        /** 11H read data. */
        READ_DATA(0x11),
        /** 12H read follow-up data. */
        READ_FOLLOW_UP(0x12),
        /** 13H read communication address. */
        READ_ADDRESS(0x13),
        /** 14H write data. */
        WRITE_DATA(0x14),
        /** 15H write communication address. */
        WRITE_ADDRESS(0x15),
        /** 16H freeze. */
        FREEZE(0x16),
        /** 17H change communication baud rate. */
        CHANGE_BAUD_RATE(0x17),
        /** 18H change password. */
        CHANGE_PASSWORD(0x18),
        /** 19H maximum demand reset. */
        MAX_DEMAND_RESET(0x19),
        /** 1AH meter clear. */
        METER_CLEAR(0x1A),
        /** 1BH event clear. */
        EVENT_CLEAR(0x1B),
        /** 1CH trip, close allowed, direct close, alarm, keep-power control. */
        CONTROL(0x1C);

        private static final Function[] BY_CODE = new Function[FUNCTION_MASK + 1];

        static {
            for (Function f : values()) {
                BY_CODE[f.code] = f;
            }
        }

        private final int code;

        Function(int code) {
            this.code = code;
        }

        /** The 5-bit code. */
        public int code() {
            return code;
        }

        /**
         * The function with this code.
         *
         * @throws IllegalArgumentException for a code DL/T 645-2007 does not define
         */
        public static Function fromCode(int code) {
            Function f = find(code);
            if (f == null) {
                throw new IllegalArgumentException(String.format("unknown DL/T 645-2007 function %02XH", code));
            }
            return f;
        }

        /** The function with this code, or null. */
        static Function find(int code) {
            return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        }
    }

    private static final ControlCode[] TABLE = new ControlCode[256];

    static {
        for (int b = 0; b < 256; b++) {
            Function f = Function.find(b & FUNCTION_MASK);
            boolean fromMeter = (b & DIRECTION_BIT) != 0;
            boolean abnormal = (b & ABNORMAL_BIT) != 0;
            boolean followUp = (b & FOLLOW_UP_BIT) != 0;
            boolean flagsValid = fromMeter ? !(abnormal && followUp) : !abnormal && !followUp;
            if (f != null && flagsValid) {
                TABLE[b] = new ControlCode(f, fromMeter, abnormal, followUp);
            }
        }
    }

    private final Function function;
    private final boolean fromMeter;
    private final boolean abnormal;
    private final boolean followUp;

    private ControlCode(Function function, boolean fromMeter, boolean abnormal, boolean followUp) {
        this.function = function;
        this.fromMeter = fromMeter;
        this.abnormal = abnormal;
        this.followUp = followUp;
    }

    /** Master to meter: the function code alone. */
    public static ControlCode request(Function f) {
        return TABLE[f.code()];
    }

    /** Normal reply {@code 80H | code}. */
    public static ControlCode normalReply(Function f) {
        return normalReply(f, false);
    }

    /** Normal reply, {@code A0H | code} when {@code followUp}. */
    public static ControlCode normalReply(Function f, boolean followUp) {
        return TABLE[DIRECTION_BIT | (followUp ? FOLLOW_UP_BIT : 0) | f.code()];
    }

    /** Abnormal reply {@code C0H | code}. */
    public static ControlCode abnormalReply(Function f) {
        return TABLE[DIRECTION_BIT | ABNORMAL_BIT | f.code()];
    }

    /**
     * The control code of a received byte.
     *
     * @throws IllegalArgumentException for an unknown function or flags that break the rules above
     */
    public static ControlCode fromByte(int b) {
        ControlCode c = lookup(b);
        if (c == null) {
            throw new IllegalArgumentException(String.format("invalid DL/T 645-2007 control byte %02XH", b & 0xFF));
        }
        return c;
    }

    /** The control code of a byte, or null if invalid. */
    static ControlCode lookup(int b) {
        return b >= 0 && b < TABLE.length ? TABLE[b] : null;
    }

    /** The byte as sent. */
    public int toByte() {
        return (fromMeter ? DIRECTION_BIT : 0) | (abnormal ? ABNORMAL_BIT : 0) | (followUp ? FOLLOW_UP_BIT : 0)
                | function.code();
    }

    public Function function() {
        return function;
    }

    /** D7: the frame was sent by a meter. */
    public boolean isFromMeter() {
        return fromMeter;
    }

    /** D7 clear: the frame was sent by the master. */
    public boolean isRequest() {
        return !fromMeter;
    }

    /** D6: an abnormal reply, whose data is one error byte. */
    public boolean isAbnormal() {
        return abnormal;
    }

    /** D5: the meter has further frames for this request. */
    public boolean hasFollowUp() {
        return followUp;
    }

    /**
     * The largest data length L allowed with this control code: 200 for a reply (the read
     * reply limit), 50 for a request (the write limit), 1 for an abnormal reply.
     */
    public int maxDataLength() {
        if (abnormal) {
            return 1;
        }
        return fromMeter ? Dlt645Frame.MAX_REPLY_DATA : Dlt645Frame.MAX_REQUEST_DATA;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ControlCode && ((ControlCode) o).toByte() == toByte();
    }

    @Override
    public int hashCode() {
        return Objects.hash(toByte());
    }

    @Override
    public String toString() {
        return String.format("%02XH(%s%s%s)", toByte(), function,
                fromMeter ? (abnormal ? " abnormal reply" : " reply") : " request", followUp ? " +follow-up" : "");
    }
}
