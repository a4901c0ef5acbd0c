package org.openami.cloud.ingest.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Keeps messages the cloud could not accept (bad signature, unknown sender, reused sequence,
 * malformed contents...) for an operator to look at: topic, sender and sequence when known, a
 * reason, a detail, the full size and the first {@link Limits#MAX_QUARANTINED_BYTES} bytes.
 * Text is made storable rather than refused (NUL replaced, long text cut, see {@link Limits}),
 * so adding a message never fails because of what the message contains. Thread-safe.
 */
public final class QuarantineLog {

    private static final String INSERT = "INSERT INTO quarantine (received_at, topic, concentrator_id, sequence, reason, detail, size, envelope)"
            + " VALUES (" + Sql.timestamp("?::bigint") + ", ?, ?, ?, ?, ?, ?, ?) RETURNING id";
    private static final String LATEST = "SELECT id, " + Sql.millis("received_at")
            + ", topic, concentrator_id, sequence, reason, detail, size, envelope FROM quarantine ORDER BY id DESC LIMIT ?";
    private static final String PURGE = "DELETE FROM quarantine WHERE received_at < " + Sql.timestamp("?::bigint");

    private final DataSource dataSource;
    private final Clock clock;

    public QuarantineLog(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Adds a message, stamped with the clock's time.
     *
     * @param topic          the topic it arrived on (null is stored as "")
     * @param concentratorId the sender if known, else null
     * @param sequence       the envelope sequence if known, else null
     * @param reason         a short reason
     * @param detail         an explanation (never a secret)
     * @param envelope       the message bytes (null is stored as empty); only the first 64 KiB are kept
     * @return the entry's id
     */
    public long add(String topic, String concentratorId, Long sequence, String reason, String detail, byte[] envelope)
            throws DatabaseException {
        byte[] bytes = envelope == null ? new byte[0] : envelope;
        byte[] kept = bytes.length > Limits.MAX_QUARANTINED_BYTES
                ? Arrays.copyOf(bytes, Limits.MAX_QUARANTINED_BYTES) : bytes;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setLong(1, Sql.clampedMillis(clock.instant()));
            ps.setString(2, Checks.label(topic));
            if (concentratorId == null) {
                ps.setNull(3, Types.VARCHAR);
            } else {
                ps.setString(3, Checks.label(concentratorId));
            }
            if (sequence == null) {
                ps.setNull(4, Types.BIGINT);
            } else {
                ps.setLong(4, sequence);
            }
            ps.setString(5, Checks.label(reason));
            ps.setString(6, Checks.text(detail));
            ps.setInt(7, bytes.length);
            ps.setBytes(8, kept);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw DatabaseException.of("quarantining a message from " + topic, e);
        }
    }

    /** How many messages are in quarantine. */
    public long count() throws DatabaseException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM quarantine");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw DatabaseException.of("counting quarantined messages", e);
        }
    }

    /** The newest {@code limit} entries (1..1000), newest first. */
    public List<QuarantineEntry> latest(int limit) throws DatabaseException {
        if (limit < 1 || limit > 1000) {
            throw Checks.invalid("limit " + limit + " is outside 1..1000");
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LATEST)) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<QuarantineEntry> entries = new ArrayList<>();
                while (rs.next()) {
                    long seq = rs.getLong(5);
                    Long sequence = rs.wasNull() ? null : seq;
                    entries.add(new QuarantineEntry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            sequence, rs.getString(6), rs.getString(7), rs.getInt(8), rs.getBytes(9)));
                }
                return entries;
            }
        } catch (SQLException e) {
            throw DatabaseException.of("reading the quarantine", e);
        }
    }

    /** Removes entries quarantined before {@code olderThan}; returns how many. */
    public long purgeOlderThan(Instant olderThan) throws DatabaseException {
        Objects.requireNonNull(olderThan, "olderThan");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(PURGE)) {
            ps.setLong(1, Sql.clampedMillis(olderThan));
            return ps.executeLargeUpdate();
        } catch (SQLException e) {
            throw DatabaseException.of("purging the quarantine", e);
        }
    }
}
