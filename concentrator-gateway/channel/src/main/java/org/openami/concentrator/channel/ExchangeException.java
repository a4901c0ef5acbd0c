package org.openami.concentrator.channel;

import java.util.Objects;

/**
 * A request to a meter failed; {@link #reason()} says how and the message says what was seen
 * ("no reply within 500 ms", "checksum 3A, expected 3B", "reply from 000000000002").
 * Reply assemblers throw it to reject bytes; channels complete futures with it.
 */
public class ExchangeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final FailureReason reason;

    public ExchangeException(FailureReason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public ExchangeException(FailureReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** How the exchange failed. */
    public FailureReason reason() {
        return reason;
    }
}
