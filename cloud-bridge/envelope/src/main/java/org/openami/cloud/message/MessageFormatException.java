package org.openami.cloud.message;

/**
 * A message body that is not exactly the documented CBOR layout: wrong CBOR type, unknown enum
 * name, missing or extra field, trailing bytes, too many items, a string over its limit, a body
 * over {@link MessageLimits#MAX_BODY_BYTES}. The message names the field and the item index,
 * e.g. {@code readings[12].quantity: unknown name "FOO"}.
 */
public final class MessageFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A body rejected for the given reason. */
    public MessageFormatException(String reason) {
        super(reason);
    }

    /** A body rejected for the given reason, found by a lower layer (the CBOR parser). */
    public MessageFormatException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
