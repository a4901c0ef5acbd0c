package org.openami.cloud.ingest.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.openami.cloud.ingest.db.WriteOutcome.Status;
import org.openami.concentrator.model.CommandResult;
import org.openami.concentrator.model.MeterEvent;
import org.openami.concentrator.model.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the contents of one envelope, idempotently. Each write is one transaction that first
 * records the envelope in the replay table ({@code envelope_seen}) under (concentrator,
 * sequence): if that pair was recorded before with the same digest the call returns
 * {@link Status#DUPLICATE} (a redelivered copy), with another digest
 * {@link Status#SEQUENCE_REUSED} (the caller quarantines it); either way nothing is written.
 * Otherwise the records are written with one statement per batch and the call returns
 * {@link Status#APPLIED} with the counts.
 *
 * <ul>
 *   <li>Readings are keyed by (meter, quantity, kind, data time): the same key with the same
 *       value changes nothing; a different value replaces the stored one (last write wins) and
 *       counts as changed. Within one batch the last reading of a key wins.</li>
 *   <li>Events are keyed by (concentrator, meter, type, time, detail): an event sent again is
 *       not stored again.</li>
 *   <li>Command results are keyed by command id, the first result wins; a new result moves
 *       its command (see {@link CommandLog}) to SUCCEEDED or FAILED and counts as changed.</li>
 * </ul>
 *
 * <p>So any number of writers, in one or several processes, may store the same envelopes or
 * overlapping batches concurrently: nothing is counted twice. Deadlocks and serialization
 * failures are retried; other SQL errors roll back and throw {@link DatabaseException}. Input
 * is checked before anything is written ({@link DatabaseException.Reason#INVALID_INPUT}, see
 * {@link Limits}). Thread-safe; holds one pooled connection per call.
 */
public final class IngestWriter {

    private static final Logger LOG = LoggerFactory.getLogger(IngestWriter.class);
    private static final int MAX_ATTEMPTS = 5;
    private static final int PURGE_CHUNK = 10_000;
    private static final String PURGE = "DELETE FROM envelope_seen WHERE ctid = ANY (ARRAY("
            + "SELECT ctid FROM envelope_seen WHERE received_at < " + Sql.timestamp("?::bigint")
            + " LIMIT " + PURGE_CHUNK + "))";

    private final DataSource dataSource;

    public IngestWriter(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Stores the readings of a telemetry envelope; inserted = new readings, changed = readings with a new value. */
    public WriteOutcome writeTelemetry(EnvelopeRef ref, List<Reading> readings) throws DatabaseException {
        checkRef(ref);
        ReadingBatch batch = ReadingBatch.of(readings);
        return inTransaction("storing " + batch.size() + " readings of " + ref, ref, c -> {
            int[] counts = batch.upsert(c, ref);
            return WriteOutcome.applied(counts[0], counts[1]);
        });
    }

    /** Stores the events of an envelope; inserted = events not stored before, changed = 0. */
    public WriteOutcome writeEvents(EnvelopeRef ref, List<MeterEvent> events) throws DatabaseException {
        checkRef(ref);
        EventBatch batch = EventBatch.of(events);
        return inTransaction("storing events of " + ref, ref, c -> WriteOutcome.applied(batch.insert(c, ref), 0));
    }

    /** Stores command results; inserted = results stored, changed = commands moved to SUCCEEDED or FAILED. */
    public WriteOutcome writeCommandResults(EnvelopeRef ref, List<CommandResult> results) throws DatabaseException {
        checkRef(ref);
        ResultBatch batch = ResultBatch.of(results);
        return inTransaction("storing command results of " + ref, ref, c -> {
            int[] counts = batch.write(c, ref);
            return WriteOutcome.applied(counts[0], counts[1]);
        });
    }

    /**
     * Removes replay records of envelopes received before {@code olderThan}, in short
     * transactions of at most {@value #PURGE_CHUNK} rows. An envelope older than the window
     * that arrives again is applied again, which stores nothing new: the records are idempotent.
     *
     * @return rows removed (saturated at {@link Integer#MAX_VALUE})
     */
    public int purgeSeen(Instant olderThan) throws DatabaseException {
        Objects.requireNonNull(olderThan, "olderThan");
        long limit = Sql.clampedMillis(olderThan);
        long total = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(PURGE)) {
            c.setAutoCommit(true);
            int removed;
            do {
                ps.setLong(1, limit);
                removed = ps.executeUpdate();
                total += removed;
            } while (removed == PURGE_CHUNK);
        } catch (SQLException e) {
            throw DatabaseException.of("purging the replay table", e);
        }
        return (int) Math.min(total, Integer.MAX_VALUE);
    }

    private static void checkRef(EnvelopeRef ref) throws DatabaseException {
        Objects.requireNonNull(ref, "ref");
        Checks.time("envelope " + ref.concentratorId() + " #" + ref.sequence(), "receivedAt", ref.receivedAt());
    }

    /** The writing part of a transaction, after the envelope was claimed. */
    private interface Body {
        WriteOutcome apply(Connection connection) throws SQLException;
    }

    private WriteOutcome inTransaction(String what, EnvelopeRef ref, Body body) throws DatabaseException {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    Status status = EnvelopeGate.claim(c, ref);
                    if (status == null) {
                        c.rollback();
                        LOG.debug("replay record of {} vanished while checking it; again", ref);
                        if (attempt < MAX_ATTEMPTS) {
                            continue;
                        }
                        throw new DatabaseException(DatabaseException.Reason.UNAVAILABLE,
                                what + ": the replay record kept changing");
                    }
                    if (status != Status.APPLIED) {
                        c.rollback();
                        LOG.debug("{}: {}", ref, status);
                        return WriteOutcome.refused(status);
                    }
                    WriteOutcome outcome = body.apply(c);
                    c.commit();
                    return outcome;
                } catch (SQLException | RuntimeException e) {
                    Sql.rollbackQuietly(c);
                    throw e;
                } finally {
                    restoreAutoCommit(c);
                }
            } catch (SQLException e) {
                if (attempt < MAX_ATTEMPTS && isConflict(e)) {
                    LOG.info("{}: {} (attempt {}), trying again", what, e.getMessage(), attempt);
                    continue;
                }
                throw DatabaseException.of(what, e);
            }
        }
    }

    /** Deadlock or serialization failure: the transaction was rolled back and may simply run again. */
    private static boolean isConflict(SQLException e) {
        return "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
    }

    private static void restoreAutoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // a broken connection is dropped by the pool
        }
    }
}
