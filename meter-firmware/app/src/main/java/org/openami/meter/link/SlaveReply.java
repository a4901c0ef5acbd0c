package org.openami.meter.link;

import java.util.Objects;
import java.util.OptionalInt;
import org.openami.dlt645.Dlt645Frame;

/**
 * A reply frame, optionally followed by a change of the line's baud rate once the reply
 * has left the wire (the normal reply to control code 17H is sent at the old rate, then
 * both ends switch). Immutable.
 *
 * @param frame          the frame to send; the transport adds the FE preamble
 * @param baudAfterReply the rate to switch to after the reply, or empty; when present it is
 *                       one of {@link LinkSettings#SUPPORTED_BAUDS}
 */
public record SlaveReply(Dlt645Frame frame, OptionalInt baudAfterReply) {

    /**
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the baud rate is not a DL/T 645 rate
     */
    public SlaveReply {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(baudAfterReply, "baudAfterReply");
        if (baudAfterReply.isPresent()) {
            LinkSettings.requireSupportedBaud(baudAfterReply.getAsInt());
        }
    }

    /** A plain reply. */
    public static SlaveReply of(Dlt645Frame frame) {
        return new SlaveReply(frame, OptionalInt.empty());
    }

    /**
     * A reply after which the line moves to {@code baud}.
     *
     * @throws IllegalArgumentException if {@code baud} is not a DL/T 645 rate
     */
    public static SlaveReply thenChangeBaud(Dlt645Frame frame, int baud) {
        return new SlaveReply(frame, OptionalInt.of(baud));
    }
}
