package org.openami.cloud.ingest.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.openami.concentrator.model.CommandResult;

/**
 * Command results checked and sorted by command id, for one statement that stores each new
 * result ({@code ON CONFLICT (command_id) DO NOTHING}: one result per command, the first
 * wins) and moves the matching {@code command} row to SUCCEEDED or FAILED. A result is only
 * accepted from the concentrator the command was sent to: one naming a command of another
 * concentrator is skipped. Results for commands this database does not know (sent before it
 * existed, or issued locally) are stored without a command row to update.
 */
final class ResultBatch {

    private static final String WRITE = "WITH u AS ("
            + " SELECT * FROM unnest(?::text[], ?::int[], ?::text[], ?::text[], ?::boolean[], ?::text[], ?::bigint[])"
            + " AS t(command_id, point, meter, command, success, reason, t)),"
            + " stored AS ("
            + " INSERT INTO command_result (command_id, concentrator_id, point, meter, command, success, reason, result_time, received_at)"
            + " SELECT u.command_id, ?, u.point, u.meter, u.command, u.success, u.reason, " + Sql.timestamp("u.t")
            + ", " + Sql.timestamp("?::bigint") + " FROM u"
            + " WHERE NOT EXISTS (SELECT 1 FROM command c WHERE c.command_id = u.command_id AND c.concentrator_id <> ?)"
            + " ON CONFLICT (command_id) DO NOTHING"
            + " RETURNING command_id, success, reason, result_time, received_at),"
            + " updated AS ("
            + " UPDATE command c SET state = CASE WHEN s.success THEN 'SUCCEEDED' ELSE 'FAILED' END,"
            + " result_success = s.success, result_reason = s.reason, result_time = s.result_time,"
            + " result_received_at = s.received_at"
            + " FROM stored s WHERE c.command_id = s.command_id AND c.concentrator_id = ?"
            + " RETURNING 1)"
            + " SELECT (SELECT count(*) FROM stored), (SELECT count(*) FROM updated)";

    private record Result(String commandId, int point, String meter, String command, boolean success,
                          String reason, long time) {
    }

    private final List<Result> results;

    private ResultBatch(List<Result> results) {
        this.results = results;
    }

    /** Checks every result; the reason is cut to {@link Limits#MAX_TEXT_CHARS}. */
    static ResultBatch of(List<CommandResult> results) throws DatabaseException {
        Checks.batch("command results", results);
        List<Result> checked = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            CommandResult r = results.get(i);
            String where = "command result " + i;
            if (r == null) {
                throw Checks.invalid(where + " is null");
            }
            Checks.id(where, "commandId", r.commandId(), false);
            Checks.id(where, "meter", r.meter(), true);
            Checks.id(where, "command", r.command(), false);
            Checks.time(where, "time", r.time());
            if (r.point() < 0) {
                throw Checks.invalid(where + ": point " + r.point() + " is negative");
            }
            checked.add(new Result(r.commandId(), r.point(), r.meter(), r.command(), r.success(),
                    Checks.text(r.reason()), r.time()));
        }
        checked.sort(Comparator.comparing(Result::commandId));
        return new ResultBatch(checked);
    }

    /** Writes the batch in the caller's transaction; returns {results stored, commands updated}. */
    int[] write(Connection connection, EnvelopeRef ref) throws SQLException {
        int n = results.size();
        if (n == 0) {
            return new int[] {0, 0};
        }
        String[] ids = new String[n];
        int[] points = new int[n];
        String[] meters = new String[n];
        String[] commands = new String[n];
        boolean[] successes = new boolean[n];
        String[] reasons = new String[n];
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            Result r = results.get(i);
            ids[i] = r.commandId();
            points[i] = r.point();
            meters[i] = r.meter();
            commands[i] = r.command();
            successes[i] = r.success();
            reasons[i] = r.reason();
            times[i] = r.time();
        }
        try (PreparedStatement ps = connection.prepareStatement(WRITE)) {
            ps.setObject(1, ids);
            ps.setObject(2, points);
            ps.setObject(3, meters);
            ps.setObject(4, commands);
            ps.setObject(5, successes);
            ps.setObject(6, reasons);
            ps.setObject(7, times);
            ps.setString(8, ref.concentratorId());
            ps.setLong(9, ref.receivedAt());
            ps.setString(10, ref.concentratorId());
            ps.setString(11, ref.concentratorId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new int[] {rs.getInt(1), rs.getInt(2)};
            }
        }
    }
}
