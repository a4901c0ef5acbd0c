package org.openami.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;

/**
 * What the cloud's database holds for one concentrator, by plain SQL on the cloud service's
 * data source (schema: cloud-bridge/ingest-db). Read-only. Thread-safe.
 *
 * <p>Prepayment numbers come from the tables the prepayment work fills: events of types
 * {@code PREPAY_ALARM}, {@code PREPAY_TRIP}, {@code PREPAY_RECONNECT} in {@code meter_event} and
 * commands of type {@code TOP_UP} in {@code command}; they are 0 while nothing produces them.
 */
public final class CloudProbe {

    /** Rows one point's readings may return at most (a 30-day demo has under 50,000 per point). */
    static final int MAX_ROWS_PER_POINT = 500_000;

    private static final String MILLIS = "(extract(epoch from data_time) * 1000)::bigint";

    private final DataSource db;
    private final String concentratorId;

    public CloudProbe(DataSource db, String concentratorId) {
        this.db = Objects.requireNonNull(db, "db");
        this.concentratorId = Objects.requireNonNull(concentratorId, "concentratorId");
    }

    /**
     * The counts of the live console.
     *
     * @param delivered         readings in PostgreSQL from this concentrator
     * @param metersSeen        distinct measurement points with at least one reading
     * @param lastQuarterMeters points with a curve point for the last due quarter, or -1 if none is due yet
     * @param lastDayMeters     points with the daily freeze of the last due day, or -1 if none is due yet
     * @param alarms            {@code PREPAY_ALARM} events
     * @param trips             {@code PREPAY_TRIP} events
     * @param reconnects        {@code PREPAY_RECONNECT} events
     * @param topUps            {@code TOP_UP} commands sent
     * @param quarantined       messages in quarantine (any sender)
     */
    public record Counts(long delivered, long metersSeen, long lastQuarterMeters, long lastDayMeters, long alarms,
                         long trips, long reconnects, long topUps, long quarantined) {
    }

    /**
     * A prepayment trip the cloud has heard of.
     *
     * @param eventId   the event's row id (increasing)
     * @param point     the measurement point
     * @param meter     the meter's address
     * @param at        when the concentrator tripped it
     */
    public record Trip(long eventId, int point, String meter, Instant at) {
    }

    /** The live counts; the two "last" arguments are the due quarter and day ({@link CollectionPlan}). */
    public Counts counts(Optional<Instant> lastQuarter, Optional<Instant> lastDay) throws SQLException {
        try (Connection c = db.getConnection()) {
            long delivered = single(c, "SELECT count(*) FROM reading WHERE concentrator_id = ?");
            long seen = single(c, "SELECT count(DISTINCT point) FROM reading WHERE concentrator_id = ?");
            long quarter = lastQuarter.isEmpty() ? -1 : pointsWith(c, "CURVE", lastQuarter.get());
            long day = lastDay.isEmpty() ? -1 : pointsWith(c, "DAILY_FREEZE", lastDay.get());
            Map<String, Long> prepay = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT type, count(*) FROM meter_event WHERE concentrator_id = ?"
                    + " AND type IN ('PREPAY_ALARM', 'PREPAY_TRIP', 'PREPAY_RECONNECT') GROUP BY type")) {
                ps.setString(1, concentratorId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        prepay.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            long topUps = single(c, "SELECT count(*) FROM command WHERE concentrator_id = ? AND type = 'TOP_UP'");
            long quarantined;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM quarantine");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                quarantined = rs.getLong(1);
            }
            return new Counts(delivered, seen, quarter, day, prepay.getOrDefault("PREPAY_ALARM", 0L),
                    prepay.getOrDefault("PREPAY_TRIP", 0L), prepay.getOrDefault("PREPAY_RECONNECT", 0L), topUps,
                    quarantined);
        }
    }

    /** Readings in PostgreSQL from this concentrator. */
    public long delivered() throws SQLException {
        try (Connection c = db.getConnection()) {
            return single(c, "SELECT count(*) FROM reading WHERE concentrator_id = ?");
        }
    }

    /**
     * The readings of one measurement point, by key, with their values.
     *
     * @throws SQLException also when the point has more than {@value #MAX_ROWS_PER_POINT} readings
     */
    public Map<Reading.Key, Long> readingsOf(int point) throws SQLException {
        String sql = "SELECT kind::text, quantity::text, " + MILLIS + ", value FROM reading"
                + " WHERE concentrator_id = ? AND point = ? LIMIT ?";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, concentratorId);
            ps.setInt(2, point);
            ps.setInt(3, MAX_ROWS_PER_POINT + 1);
            Map<Reading.Key, Long> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (out.size() == MAX_ROWS_PER_POINT) {
                        throw new SQLException("point " + point + " has more than " + MAX_ROWS_PER_POINT + " readings");
                    }
                    out.put(new Reading.Key(point, ReadingKind.valueOf(rs.getString(1)), Quantity.valueOf(rs.getString(2)),
                            rs.getLong(3)), rs.getLong(4));
                }
            }
            return out;
        }
    }

    /** Prepayment trips with an event id above {@code afterId}, oldest first, at most {@code limit}. */
    public List<Trip> tripsAfter(long afterId, int limit) throws SQLException {
        String sql = "SELECT id, point, meter, event_time FROM meter_event WHERE concentrator_id = ?"
                + " AND type = 'PREPAY_TRIP' AND id > ? ORDER BY id LIMIT ?";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, concentratorId);
            ps.setLong(2, afterId);
            ps.setInt(3, limit);
            List<Trip> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Trip(rs.getLong(1), rs.getInt(2), rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class).toInstant()));
                }
            }
            return out;
        }
    }

    private long single(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, concentratorId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long pointsWith(Connection c, String kind, Instant dataTime) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(DISTINCT point) FROM reading WHERE concentrator_id = ?"
                + " AND kind = ?::reading_kind AND data_time = ?")) {
            ps.setString(1, concentratorId);
            ps.setString(2, kind);
            ps.setObject(3, OffsetDateTime.ofInstant(dataTime, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
