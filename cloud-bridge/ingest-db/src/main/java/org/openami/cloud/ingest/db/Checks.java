package org.openami.cloud.ingest.db;

import java.util.Collection;
import org.openami.cloud.ingest.db.DatabaseException.Reason;

/** Validation of untrusted input before it reaches SQL. */
final class Checks {

    private Checks() {
    }

    static DatabaseException invalid(String message) {
        return new DatabaseException(Reason.INVALID_INPUT, message);
    }

    /** A batch is not null and not larger than {@link Limits#MAX_BATCH}. */
    static void batch(String what, Collection<?> records) throws DatabaseException {
        if (records == null) {
            throw invalid(what + " list is null");
        }
        if (records.size() > Limits.MAX_BATCH) {
            throw invalid(records.size() + " " + what + " in one call, at most " + Limits.MAX_BATCH);
        }
    }

    /** An identity field: not null, at most {@link Limits#MAX_ID_CHARS} characters, no NUL; empty only if allowed. */
    static void id(String where, String field, String value, boolean emptyAllowed) throws DatabaseException {
        if (value == null) {
            throw invalid(where + ": " + field + " is null");
        }
        if (value.isEmpty() && !emptyAllowed) {
            throw invalid(where + ": " + field + " is empty");
        }
        if (value.length() > Limits.MAX_ID_CHARS) {
            throw invalid(where + ": " + field + " has " + value.length() + " characters, at most " + Limits.MAX_ID_CHARS);
        }
        if (value.indexOf('\0') >= 0) {
            throw invalid(where + ": " + field + " contains a NUL character");
        }
    }

    /** A time in epoch milliseconds within [{@link Limits#MIN_TIME}, {@link Limits#MAX_TIME}). */
    static void time(String where, String field, long value) throws DatabaseException {
        if (value < Limits.MIN_TIME || value >= Limits.MAX_TIME) {
            throw invalid(where + ": " + field + " " + value + " is outside 1970-01-01..2200-01-01 (epoch ms "
                    + Limits.MIN_TIME + ".." + Limits.MAX_TIME + ")");
        }
    }

    /**
     * Free text made storable: null becomes "", NUL (which PostgreSQL text cannot hold) becomes
     * U+FFFD, and it is cut to {@link Limits#MAX_TEXT_CHARS} characters (not inside a surrogate pair).
     * The same input always gives the same output, so de-duplication by content still works.
     */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        String s = value.indexOf('\0') >= 0 ? value.replace('\0', '\uFFFD') : value;
        if (s.length() > Limits.MAX_TEXT_CHARS) {
            int end = Limits.MAX_TEXT_CHARS;
            if (Character.isHighSurrogate(s.charAt(end - 1))) {
                end--;
            }
            s = s.substring(0, end);
        }
        return s;
    }

    /** Like {@link #text} but cut to {@link Limits#MAX_ID_CHARS}: a label that must stay storable. */
    static String label(String value) {
        String s = text(value);
        if (s.length() > Limits.MAX_ID_CHARS) {
            int end = Limits.MAX_ID_CHARS;
            if (Character.isHighSurrogate(s.charAt(end - 1))) {
                end--;
            }
            s = s.substring(0, end);
        }
        return s;
    }
}
