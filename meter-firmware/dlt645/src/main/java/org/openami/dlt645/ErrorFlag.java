package org.openami.dlt645;

import java.util.EnumSet;
import java.util.Set;

/**
 * Bits of the error byte an abnormal reply (D6 set) carries as its only data byte. Bit 7 is
 * reserved by DL/T 645-2007: an error byte with bit 7 set is rejected.
 */
public enum ErrorFlag {
    /** bit 0: other error. */
    OTHER(0),
    /** bit 1: no requested data (unknown data identifier). */
    NO_REQUESTED_DATA(1),
    /** bit 2: wrong password or unauthorised. */
    UNAUTHORISED(2),
    /** bit 3: the communication rate cannot be changed. */
    BAUD_RATE_NOT_CHANGEABLE(3),
    /** bit 4: too many year time zones. */
    TOO_MANY_YEAR_ZONES(4),
    /** bit 5: too many daily periods. */
    TOO_MANY_DAILY_PERIODS(5),
    /** bit 6: too many tariffs. */
    TOO_MANY_TARIFFS(6);

    /** Bit 7, reserved. */
    public static final int RESERVED_MASK = 0x80;

    private final int bit;

    ErrorFlag(int bit) {
        this.bit = bit;
    }

    /** Bit number 0..6. */
    public int bit() {
        return bit;
    }

    /** {@code 1 << bit}. */
    public int mask() {
        return 1 << bit;
    }

    /** The error byte of a set of flags. */
    public static int toByte(Set<ErrorFlag> flags) {
        int b = 0;
        for (ErrorFlag f : flags) {
            b |= f.mask();
        }
        return b;
    }

    /**
     * The flags of an error byte.
     *
     * @throws IllegalArgumentException if the reserved bit 7 is set or {@code b} is not a byte
     */
    public static Set<ErrorFlag> fromByte(int b) {
        if ((b & ~0x7F) != 0) {
            throw new IllegalArgumentException(String.format("error byte %02XH uses reserved bits", b));
        }
        EnumSet<ErrorFlag> flags = EnumSet.noneOf(ErrorFlag.class);
        for (ErrorFlag f : values()) {
            if ((b & f.mask()) != 0) {
                flags.add(f);
            }
        }
        return flags;
    }
}
