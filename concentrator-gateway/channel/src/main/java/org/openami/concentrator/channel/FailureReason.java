package org.openami.concentrator.channel;

/** Why an exchange with a meter failed. */
public enum FailureReason {
    /** Nothing arrived before the deadline. */
    TIMEOUT(true),
    /** Bytes arrived but were not a valid reply (checksum, framing, cut short, collision). */
    CORRUPT(true),
    /** A valid reply came from another address, or answered another request. */
    WRONG_ADDRESS(true),
    /** The meter answered and refused (DL/T 645 abnormal reply, Modbus exception). Not retried. */
    REFUSED(false),
    /** The transport failed (port gone, I/O error). Retried after reopening. */
    IO_ERROR(true),
    /** The channel's queue was full; the request was never sent. */
    OVERLOADED(false),
    /** The channel was closed before the request completed. */
    CLOSED(false);

    private final boolean retryable;

    FailureReason(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether another attempt may succeed (the meter said nothing definite). */
    public boolean retryable() {
        return retryable;
    }
}
