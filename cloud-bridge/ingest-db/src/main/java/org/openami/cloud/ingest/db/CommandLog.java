package org.openami.cloud.ingest.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The commands the cloud sent (table {@code command}). {@link #recordSent} is called before a
 * command goes out; its result arrives in an envelope and {@link IngestWriter#writeCommandResults}
 * stores it and moves the command to {@link CommandState#SUCCEEDED} or {@link CommandState#FAILED}
 * (only for a result from the concentrator the command was sent to). Thread-safe.
 */
public final class CommandLog {

    private static final String INSERT = "INSERT INTO command (command_id, concentrator_id, type, point, meter, params,"
            + " issued_at, expires_at, state) VALUES (?, ?, ?, ?, ?, ?::jsonb, " + Sql.timestamp("?::bigint") + ", "
            + Sql.timestamp("?::bigint") + ", 'SENT') ON CONFLICT (command_id) DO NOTHING";
    private static final String FIND = "SELECT command_id, concentrator_id, type, point, meter, params::text, "
            + Sql.millis("issued_at") + ", " + Sql.millis("expires_at") + ", state, result_success, result_reason, "
            + Sql.millis("result_time") + ", " + Sql.millis("result_received_at") + " FROM command WHERE command_id = ?";
    private static final String EXPIRE = "UPDATE command SET state = 'EXPIRED' WHERE state = 'SENT' AND expires_at <= "
            + Sql.timestamp("?::bigint");

    private final DataSource dataSource;

    public CommandLog(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Records a command about to be sent, in state {@link CommandState#SENT}.
     *
     * @return true if recorded, false if a command with this id was recorded before (left unchanged)
     * @throws DatabaseException {@link DatabaseException.Reason#INVALID_INPUT} for ids or names out of
     *         bounds, times out of range or parameters that are not a JSON document
     */
    public boolean recordSent(SentCommand command) throws DatabaseException {
        Objects.requireNonNull(command, "command");
        String where = "command " + Checks.label(command.commandId());
        Checks.id(where, "commandId", command.commandId(), false);
        Checks.id(where, "concentratorId", command.concentratorId(), false);
        Checks.id(where, "type", command.type(), false);
        Checks.id(where, "meter", command.meter(), true);
        Checks.time(where, "issuedAt", command.issuedAt());
        Checks.time(where, "expiresAt", command.expiresAt());
        if (command.point() < 0) {
            throw Checks.invalid(where + ": point " + command.point() + " is negative");
        }
        if (command.paramsJson().length() > Limits.MAX_PARAMS_CHARS) {
            throw Checks.invalid(where + ": parameters have " + command.paramsJson().length()
                    + " characters, at most " + Limits.MAX_PARAMS_CHARS);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, command.commandId());
            ps.setString(2, command.concentratorId());
            ps.setString(3, command.type());
            ps.setInt(4, command.point());
            ps.setString(5, command.meter());
            ps.setString(6, command.paramsJson());
            ps.setLong(7, command.issuedAt());
            ps.setLong(8, command.expiresAt());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            if ("22P02".equals(e.getSQLState()) || "22032".equals(e.getSQLState())) {
                throw new DatabaseException(DatabaseException.Reason.INVALID_INPUT,
                        where + ": parameters are not a JSON document: " + e.getMessage(), e);
            }
            throw DatabaseException.of("recording " + where, e);
        }
    }

    /** The command with this id, if recorded. */
    public Optional<CommandRecord> find(String commandId) throws DatabaseException {
        Objects.requireNonNull(commandId, "commandId");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, commandId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                SentCommand sent = new SentCommand(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7), rs.getLong(8));
                CommandState state = CommandState.valueOf(rs.getString(9));
                boolean success = rs.getBoolean(10);
                Optional<CommandRecord.Result> result = rs.wasNull() ? Optional.empty()
                        : Optional.of(new CommandRecord.Result(success, rs.getString(11), rs.getLong(12), rs.getLong(13)));
                return Optional.of(new CommandRecord(sent, state, result));
            }
        } catch (SQLException e) {
            throw DatabaseException.of("reading command " + Checks.label(commandId), e);
        }
    }

    /** Moves every {@link CommandState#SENT} command that expired at or before {@code now} to {@link CommandState#EXPIRED}; returns how many. */
    public int expireOverdue(Instant now) throws DatabaseException {
        Objects.requireNonNull(now, "now");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(EXPIRE)) {
            ps.setLong(1, Sql.clampedMillis(now));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw DatabaseException.of("expiring commands", e);
        }
    }
}
