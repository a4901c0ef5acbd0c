package org.openami.concentrator.prepay;

/**
 * A prepayment policy (or a policy file or configuration map) is not acceptable. The message
 * names the field ({@link #field()}, may be {@code null} for the file as a whole) and what is
 * wrong with it.
 */
public final class PolicyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public PolicyException(String field, String reason) {
        this(field, reason, null);
    }

    public PolicyException(String field, String reason, Throwable cause) {
        super(field == null ? reason : "field " + field + ": " + reason, cause);
        this.field = field;
    }

    /** The field concerned, or {@code null}. */
    public String field() {
        return field;
    }
}
