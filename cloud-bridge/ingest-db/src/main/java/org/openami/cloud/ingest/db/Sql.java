package org.openami.cloud.ingest.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** SQL fragments and JDBC helpers shared by the writers and queries. */
final class Sql {

    private Sql() {
    }

    /**
     * A {@code timestamptz} from an SQL expression in epoch milliseconds. Exact: the product is
     * an integer number of microseconds below 2^53 for every time {@link Limits} accepts.
     */
    static String timestamp(String millisExpression) {
        return "(timestamptz '1970-01-01 00:00:00+00' + (" + millisExpression + ") * interval '1 millisecond')";
    }

    /** Epoch milliseconds (bigint) of a {@code timestamptz} expression, exact (numeric arithmetic). */
    static String millis(String timestampExpression) {
        return "(extract(epoch from " + timestampExpression + ") * 1000)::bigint";
    }

    /** Epoch milliseconds of an instant, clamped to the range {@link Limits} accepts. */
    static long clampedMillis(Instant instant) {
        if (instant.isBefore(Instant.ofEpochMilli(Limits.MIN_TIME))) {
            return Limits.MIN_TIME;
        }
        if (!instant.isBefore(Instant.ofEpochMilli(Limits.MAX_TIME))) {
            return Limits.MAX_TIME - 1;
        }
        return instant.toEpochMilli();
    }

    static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the server rolls back when it goes away
        }
    }
}
