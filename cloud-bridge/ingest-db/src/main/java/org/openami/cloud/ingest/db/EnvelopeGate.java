package org.openami.cloud.ingest.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import org.openami.cloud.ingest.db.WriteOutcome.Status;

/**
 * The replay check at the start of every write transaction: records the envelope in
 * {@code envelope_seen}, or finds the envelope recorded before under the same sender and
 * sequence number. A concurrent transaction recording the same pair makes this one wait until
 * it ends, so exactly one of them applies the envelope.
 */
final class EnvelopeGate {

    private static final String CLAIM = "INSERT INTO envelope_seen (concentrator_id, sequence, digest, received_at) "
            + "VALUES (?, ?, ?, " + Sql.timestamp("?::bigint") + ") ON CONFLICT DO NOTHING";
    private static final String STORED_DIGEST =
            "SELECT digest FROM envelope_seen WHERE concentrator_id = ? AND sequence = ?";

    private EnvelopeGate() {
    }

    /**
     * Claims the envelope in the caller's transaction.
     *
     * @return {@link Status#APPLIED} when it is new (the caller writes and commits),
     *         {@link Status#DUPLICATE} or {@link Status#SEQUENCE_REUSED} when it was recorded
     *         before, or null when the earlier record vanished in between (purged): try again
     */
    static Status claim(Connection connection, EnvelopeRef ref) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(CLAIM)) {
            insert.setString(1, ref.concentratorId());
            insert.setLong(2, ref.sequence());
            insert.setBytes(3, ref.digest());
            insert.setLong(4, ref.receivedAt());
            if (insert.executeUpdate() == 1) {
                return Status.APPLIED;
            }
        }
        try (PreparedStatement select = connection.prepareStatement(STORED_DIGEST)) {
            select.setString(1, ref.concentratorId());
            select.setLong(2, ref.sequence());
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return Arrays.equals(rs.getBytes(1), ref.digest()) ? Status.DUPLICATE : Status.SEQUENCE_REUSED;
            }
        }
    }
}
