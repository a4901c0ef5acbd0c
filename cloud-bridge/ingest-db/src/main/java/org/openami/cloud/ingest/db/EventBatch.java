package org.openami.cloud.ingest.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.openami.concentrator.model.MeterEvent;

/**
 * Events checked and sorted by their natural key, as column arrays for one
 * {@code INSERT ... ON CONFLICT DO NOTHING}: an event already stored for the same
 * concentrator, meter, type, time and detail is skipped (also within the batch).
 */
final class EventBatch {

    private static final Comparator<Event> ORDER = Comparator.comparing(Event::meter)
            .thenComparing(Event::type)
            .thenComparingLong(Event::time)
            .thenComparing(Event::detail);

    private static final String INSERT = "WITH written AS ("
            + " INSERT INTO meter_event (concentrator_id, received_at, point, meter, type, event_time, detail)"
            + " SELECT ?, " + Sql.timestamp("?::bigint") + ", u.point, u.meter, u.type, " + Sql.timestamp("u.t")
            + ", u.detail"
            + " FROM unnest(?::int[], ?::text[], ?::text[], ?::bigint[], ?::text[]) AS u(point, meter, type, t, detail)"
            + " ON CONFLICT ON CONSTRAINT meter_event_natural DO NOTHING"
            + " RETURNING 1)"
            + " SELECT count(*) FROM written";

    private record Event(int point, String meter, String type, long time, String detail) {
    }

    private final List<Event> events;

    private EventBatch(List<Event> events) {
        this.events = events;
    }

    /** Checks every event (meter may be empty: a concentrator-wide event); detail is cut to {@link Limits#MAX_TEXT_CHARS}. */
    static EventBatch of(List<MeterEvent> events) throws DatabaseException {
        Checks.batch("events", events);
        List<Event> checked = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            MeterEvent e = events.get(i);
            String where = "event " + i;
            if (e == null) {
                throw Checks.invalid(where + " is null");
            }
            Checks.id(where, "meter", e.meter(), true);
            Checks.time(where, "time", e.time());
            if (e.point() < 0) {
                throw Checks.invalid(where + ": point " + e.point() + " is negative");
            }
            checked.add(new Event(e.point(), e.meter(), e.type().name(), e.time(), Checks.text(e.detail())));
        }
        checked.sort(ORDER);
        return new EventBatch(checked);
    }

    /** Inserts the new events in the caller's transaction; returns how many were new. */
    int insert(Connection connection, EnvelopeRef ref) throws SQLException {
        int n = events.size();
        if (n == 0) {
            return 0;
        }
        int[] points = new int[n];
        String[] meters = new String[n];
        String[] types = new String[n];
        long[] times = new long[n];
        String[] details = new String[n];
        for (int i = 0; i < n; i++) {
            Event e = events.get(i);
            points[i] = e.point();
            meters[i] = e.meter();
            types[i] = e.type();
            times[i] = e.time();
            details[i] = e.detail();
        }
        try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
            ps.setString(1, ref.concentratorId());
            ps.setLong(2, ref.receivedAt());
            ps.setObject(3, points);
            ps.setObject(4, meters);
            ps.setObject(5, types);
            ps.setObject(6, times);
            ps.setObject(7, details);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
