package org.openami.concentrator.prepay;

/**
 * A tariff table or tariff file is not acceptable, or no tariff version applies. The message
 * names the entry ({@code tariffs[2] (id RES-TOU, version 3)}) and the field when there is one;
 * {@link #entry()} and {@link #field()} give them separately (either may be {@code null}).
 */
public final class TariffException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String entry;
    private final String field;

    public TariffException(String entry, String field, String reason) {
        this(entry, field, reason, null);
    }

    public TariffException(String entry, String field, String reason, Throwable cause) {
        super(describe(entry, field, reason), cause);
        this.entry = entry;
        this.field = field;
    }

    private static String describe(String entry, String field, String reason) {
        StringBuilder b = new StringBuilder();
        if (entry != null) {
            b.append(entry).append(": ");
        }
        if (field != null) {
            b.append("field ").append(field).append(": ");
        }
        return b.append(reason).toString();
    }

    /** The tariff entry concerned, or {@code null} if the problem is the file as a whole. */
    public String entry() {
        return entry;
    }

    /** The field concerned, or {@code null}. */
    public String field() {
        return field;
    }
}
