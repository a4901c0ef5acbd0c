package org.openami.concentrator.prepay;

import java.util.Objects;

/**
 * The prepayment engine cannot do what was asked: its file is corrupt, foreign, locked or
 * failed, the engine is closed, an input is invalid, or no tariff is known for consumption that
 * must be charged. Nothing was changed by the call that threw it. After {@link Reason#IO} or
 * {@link Reason#CORRUPT} during operation the engine is closed and must be opened again.
 */
public final class PrepayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the call failed. */
    public enum Reason {
        /** The file is not a readable MVStore file, or a stored record cannot be read. */
        CORRUPT,
        /** A valid MVStore file of something else; it was not modified. */
        FOREIGN,
        /** Another process, or another open engine in this process, holds the file. */
        LOCKED,
        /** Written by a newer version with a layout this one cannot read. */
        UNSUPPORTED_VERSION,
        /** Reading or writing the file failed. */
        IO,
        /** The engine was closed. */
        CLOSED,
        /** An argument is out of range or malformed (the message says which). */
        INVALID,
        /** Consumption must be charged but the account's tariff has no version in effect at its time. */
        NO_TARIFF
    }

    private final Reason reason;

    public PrepayException(Reason reason, String detail) {
        this(reason, detail, null);
    }

    public PrepayException(Reason reason, String detail, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason") + ": " + detail, cause);
        this.reason = reason;
    }

    /** Why the call failed. */
    public Reason reason() {
        return reason;
    }
}
