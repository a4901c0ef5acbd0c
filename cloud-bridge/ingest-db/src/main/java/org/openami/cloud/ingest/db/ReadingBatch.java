package org.openami.cloud.ingest.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openami.concentrator.model.Reading;

/**
 * Readings checked, reduced to one per database key (the last one wins) and sorted by key, as
 * column arrays for one {@code INSERT ... SELECT FROM unnest(...) ON CONFLICT DO UPDATE}.
 * Sorting makes concurrent writers lock rows in the same order, so overlapping batches wait
 * for each other instead of deadlocking.
 */
final class ReadingBatch {

    /** Orders readings by (meter, quantity, kind, data time), the identity of a stored reading. */
    static final Comparator<Reading> KEY_ORDER = Comparator.comparing(Reading::meter)
            .thenComparing(Reading::quantity)
            .thenComparing(Reading::kind)
            .thenComparingLong(Reading::dataTime);

    private static final String UPSERT = "WITH written AS ("
            + " INSERT INTO reading AS r (meter, quantity, kind, data_time, value, point, read_at, concentrator_id, received_at)"
            + " SELECT u.meter, u.quantity::quantity, u.kind::reading_kind, " + Sql.timestamp("u.data_ms")
            + ", u.value, u.point, " + Sql.timestamp("u.read_ms") + ", ?, " + Sql.timestamp("?::bigint")
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::int[], ?::bigint[])"
            + " AS u(meter, quantity, kind, data_ms, value, point, read_ms)"
            + " ON CONFLICT (meter, quantity, kind, data_time) DO UPDATE"
            + " SET value = EXCLUDED.value, point = EXCLUDED.point, read_at = EXCLUDED.read_at,"
            + " concentrator_id = EXCLUDED.concentrator_id, received_at = EXCLUDED.received_at"
            + " WHERE r.value <> EXCLUDED.value"
            + " RETURNING (r.xmax = 0) AS inserted)"
            + " SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM written";

    private final String[] meters;
    private final String[] quantities;
    private final String[] kinds;
    private final long[] dataTimes;
    private final long[] values;
    private final int[] points;
    private final long[] readAts;

    private ReadingBatch(List<Reading> sorted) {
        int n = sorted.size();
        meters = new String[n];
        quantities = new String[n];
        kinds = new String[n];
        dataTimes = new long[n];
        values = new long[n];
        points = new int[n];
        readAts = new long[n];
        for (int i = 0; i < n; i++) {
            Reading r = sorted.get(i);
            meters[i] = r.meter();
            quantities[i] = r.quantity().name();
            kinds[i] = r.kind().name();
            dataTimes[i] = r.dataTime();
            values[i] = r.value();
            points[i] = r.point();
            readAts[i] = r.readAt();
        }
    }

    /**
     * Checks every reading and prepares the batch.
     *
     * @throws DatabaseException {@link DatabaseException.Reason#INVALID_INPUT} naming the first
     *         bad reading (index in the list) and field
     */
    static ReadingBatch of(List<Reading> readings) throws DatabaseException {
        Checks.batch("readings", readings);
        Map<ReadingKey, Reading> last = new HashMap<>(readings.size() * 2);
        for (int i = 0; i < readings.size(); i++) {
            Reading r = readings.get(i);
            String where = "reading " + i;
            if (r == null) {
                throw Checks.invalid(where + " is null");
            }
            Checks.id(where, "meter", r.meter(), false);
            Checks.time(where, "dataTime", r.dataTime());
            Checks.time(where, "readAt", r.readAt());
            last.put(ReadingKey.of(r), r);
        }
        List<Reading> sorted = new ArrayList<>(last.values());
        sorted.sort(KEY_ORDER);
        return new ReadingBatch(sorted);
    }

    /** Distinct readings in the batch. */
    int size() {
        return meters.length;
    }

    /** Upserts the batch in the caller's transaction; returns {inserted, changed}. */
    int[] upsert(Connection connection, EnvelopeRef ref) throws SQLException {
        if (size() == 0) {
            return new int[] {0, 0};
        }
        try (PreparedStatement ps = connection.prepareStatement(UPSERT)) {
            ps.setString(1, ref.concentratorId());
            ps.setLong(2, ref.receivedAt());
            ps.setObject(3, meters);
            ps.setObject(4, quantities);
            ps.setObject(5, kinds);
            ps.setObject(6, dataTimes);
            ps.setObject(7, values);
            ps.setObject(8, points);
            ps.setObject(9, readAts);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new int[] {rs.getInt(1), rs.getInt(2)};
            }
        }
    }
}
