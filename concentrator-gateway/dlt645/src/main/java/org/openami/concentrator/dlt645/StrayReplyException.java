package org.openami.concentrator.dlt645;

import org.openami.concentrator.channel.ExchangeException;
import org.openami.concentrator.channel.FailureReason;
import org.openami.dlt645.Dlt645Frame;

/**
 * A valid reply that did not answer the request: another meter's, or a late answer to an
 * earlier request. {@link FailureReason#WRONG_ADDRESS}; carries the frame, because a late
 * reply still proves its meter exists (discovery uses that).
 */
public final class StrayReplyException extends ExchangeException {

    private static final long serialVersionUID = 1L;

    private final transient Dlt645Frame frame;

    StrayReplyException(Dlt645Frame frame, String message) {
        super(FailureReason.WRONG_ADDRESS, message);
        this.frame = frame;
    }

    /** The reply that came instead. */
    public Dlt645Frame frame() {
        return frame;
    }
}
