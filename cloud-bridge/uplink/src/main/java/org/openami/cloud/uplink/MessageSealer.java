package org.openami.cloud.uplink;

import java.io.IOException;
import org.openami.cloud.message.Message;

/** Turns a message into the bytes the uplink publishes. */
public interface MessageSealer {

    /** The payload for {@code message}; a new sequence number each call. */
    byte[] seal(Message message) throws IOException;
}
