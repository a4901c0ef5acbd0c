package org.openami.cloud.ingest.db;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Objects;

/**
 * The database could not do what was asked. Carries a {@link Reason}; {@link #isTransient()}
 * tells a caller whether trying the same call again later can succeed (the server is
 * unreachable, a deadlock, out of connections) or not (invalid input, a schema problem). When
 * a write fails, its transaction was rolled back: nothing of it is stored.
 */
public final class DatabaseException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** The port asked for is taken by another process. */
        PORT_IN_USE,
        /** Another running server or process holds the data directory. */
        DATA_DIRECTORY_IN_USE,
        /** The embedded server could not be started. */
        STARTUP_FAILED,
        /** A schema migration failed. */
        MIGRATION_FAILED,
        /** An argument or a record is not acceptable (names the record and the field); nothing was written. */
        INVALID_INPUT,
        /** The server cannot be reached or refused for a passing reason; the same call may succeed later. */
        UNAVAILABLE,
        /** Any other SQL error. */
        SQL_ERROR
    }

    private final Reason reason;

    public DatabaseException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public DatabaseException(Reason reason, String message) {
        this(reason, message, null);
    }

    /** What went wrong. */
    public Reason reason() {
        return reason;
    }

    /** Whether the same call may succeed if tried again later. */
    public boolean isTransient() {
        return reason == Reason.UNAVAILABLE;
    }

    /**
     * Wraps a JDBC failure: connection problems (SQLSTATE class 08), rolled-back transactions
     * (class 40: deadlock, serialization failure), exhausted resources (class 53), server
     * shutdown (57P01..57P03) and the pool's connection time-out become {@link Reason#UNAVAILABLE};
     * everything else {@link Reason#SQL_ERROR}.
     */
    public static DatabaseException of(String what, SQLException e) {
        Reason reason = isTransient(e) ? Reason.UNAVAILABLE : Reason.SQL_ERROR;
        String state = e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]";
        return new DatabaseException(reason, what + " failed: " + e.getMessage() + state, e);
    }

    static boolean isTransient(SQLException e) {
        if (e instanceof SQLTransientException) {
            return true;
        }
        String state = e.getSQLState();
        if (state == null) {
            return false;
        }
        return state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }
}
