package org.openami.concentrator.archive;

import java.io.Serializable;
import java.util.Objects;
import org.openami.concentrator.archive.internal.Printable;

/**
 * One thing wrong with an archive: where it is and what is wrong. Immutable and thread-safe.
 *
 * @param line    the physical line of the file (1 = first line, counting every line: blank
 *                lines, comments and the lines inside a quoted CSV value too), or 0 when the
 *                problem is about the whole file or about a record that was not read from a file
 * @param field   the column (CSV) or field (JSON) name as the file spells it, or "" when the
 *                problem is about a whole row, object or file (made printable like {@code value})
 * @param value   the offending value as found, or "" if there is none; control and format
 *                characters are shown as {@code \\uXXXX} and values longer than
 *                {@value #MAX_VALUE_CHARS} characters are cut and end in {@code …}
 * @param message what is wrong, in words an installer can act on
 */
public record ArchiveProblem(int line, String field, String value, String message) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Longest value kept in a problem; longer ones are cut and end in {@code …}. */
    public static final int MAX_VALUE_CHARS = 64;

    /** Checks the arguments and makes {@code value} printable (see the class description). */
    public ArchiveProblem {
        if (line < 0) {
            throw new IllegalArgumentException("line " + line + " is negative");
        }
        field = Printable.escape(Objects.requireNonNull(field, "field"), MAX_VALUE_CHARS);
        Objects.requireNonNull(message, "message");
        value = Printable.escape(Objects.requireNonNull(value, "value"), MAX_VALUE_CHARS);
    }

    /** {@code line 4, address = '99999': ...}, leaving out what is 0 or empty. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (line > 0) {
            sb.append("line ").append(line);
        }
        if (!field.isEmpty()) {
            sb.append(sb.length() > 0 ? ", " : "").append(field);
            if (!value.isEmpty()) {
                sb.append(" = '").append(value).append('\'');
            }
        } else if (!value.isEmpty()) {
            sb.append(sb.length() > 0 ? ", " : "").append('\'').append(value).append('\'');
        }
        return sb.append(sb.length() > 0 ? ": " : "").append(message).toString();
    }
}
