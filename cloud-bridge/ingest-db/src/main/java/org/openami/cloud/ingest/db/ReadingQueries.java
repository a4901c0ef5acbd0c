package org.openami.cloud.ingest.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

/**
 * Reads stored readings back. Values are in the integer unit of their quantity; times are
 * epoch milliseconds. Every list is bounded ({@link Limits#MAX_QUERY_ROWS}). Thread-safe.
 */
public final class ReadingQueries {

    private static final String COLUMNS = "point, meter, kind::text, quantity::text, " + Sql.millis("data_time")
            + ", value, " + Sql.millis("read_at");
    private static final String FIND = "SELECT " + COLUMNS + " FROM reading WHERE meter = ?"
            + " AND data_time >= " + Sql.timestamp("?::bigint") + " AND data_time < " + Sql.timestamp("?::bigint")
            + " ORDER BY data_time, quantity, kind LIMIT ?";
    private static final String SNAPSHOT = "SELECT meter, quantity::text, kind::text, " + Sql.millis("data_time")
            + ", value FROM reading LIMIT ?";

    private final DataSource dataSource;

    public ReadingQueries(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** How many readings are stored. */
    public long count() throws DatabaseException {
        return countWhere("SELECT count(*) FROM reading", null, "counting readings");
    }

    /** How many stored readings were last written from this concentrator (scans the table: for operators and tests). */
    public long countForConcentrator(String concentratorId) throws DatabaseException {
        Objects.requireNonNull(concentratorId, "concentratorId");
        return countWhere("SELECT count(*) FROM reading WHERE concentrator_id = ?", concentratorId,
                "counting readings of " + Checks.label(concentratorId));
    }

    /**
     * One meter's readings with {@code from <= dataTime < to}, by data time, then quantity and
     * kind, at most {@code limit} (1..{@link Limits#MAX_QUERY_ROWS}).
     */
    public List<Reading> find(String meter, long from, long to, int limit) throws DatabaseException {
        Objects.requireNonNull(meter, "meter");
        checkLimit(limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, meter);
            ps.setLong(2, Math.max(from, Limits.MIN_TIME));
            ps.setLong(3, Math.min(to, Limits.MAX_TIME));
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<Reading> readings = new ArrayList<>();
                while (rs.next()) {
                    readings.add(new Reading(rs.getInt(1), rs.getString(2), ReadingKind.valueOf(rs.getString(3)),
                            Quantity.valueOf(rs.getString(4)), rs.getLong(5), rs.getLong(6), rs.getLong(7)));
                }
                return readings;
            }
        } catch (SQLException e) {
            throw DatabaseException.of("reading readings of meter " + Checks.label(meter), e);
        }
    }

    /**
     * Every stored value by key, for checks and exports of small tables.
     *
     * @throws DatabaseException {@link DatabaseException.Reason#INVALID_INPUT} when more than
     *         {@code maxRows} (1..{@link Limits#MAX_QUERY_ROWS}) readings are stored
     */
    public Map<ReadingKey, Long> snapshot(int maxRows) throws DatabaseException {
        checkLimit(maxRows);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SNAPSHOT)) {
            ps.setInt(1, maxRows + 1);
            try (ResultSet rs = ps.executeQuery()) {
                Map<ReadingKey, Long> values = new HashMap<>();
                while (rs.next()) {
                    if (values.size() == maxRows) {
                        throw Checks.invalid("more than " + maxRows + " readings stored");
                    }
                    values.put(new ReadingKey(rs.getString(1), Quantity.valueOf(rs.getString(2)),
                            ReadingKind.valueOf(rs.getString(3)), rs.getLong(4)), rs.getLong(5));
                }
                return values;
            }
        } catch (SQLException e) {
            throw DatabaseException.of("reading all readings", e);
        }
    }

    private static void checkLimit(int limit) throws DatabaseException {
        if (limit < 1 || limit > Limits.MAX_QUERY_ROWS) {
            throw Checks.invalid("limit " + limit + " is outside 1.." + Limits.MAX_QUERY_ROWS);
        }
    }

    private long countWhere(String sql, String parameter, String what) throws DatabaseException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw DatabaseException.of(what, e);
        }
    }
}
