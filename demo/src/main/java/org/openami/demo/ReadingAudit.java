package org.openami.demo;

import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.openami.concentrator.model.Reading;
import org.openami.concentrator.model.ReadingKind;
import org.openami.concentrator.store.ForwardStore;
import org.openami.concentrator.store.StoreException;

/**
 * Compares, meter by meter, three views of the same readings: what the meters produced for the
 * schedule ({@link ExpectedReadings}), what the concentrator's store holds (its
 * {@link ForwardStore}, opened after the concentrator stopped) and what PostgreSQL holds. One
 * meter's readings are in memory at a time.
 */
public final class ReadingAudit {

    /**
     * Counts for one reading kind (or all).
     *
     * @param expected            readings the meters produced for the schedule
     * @param collectedOfExpected of those, readings the store holds
     * @param deliveredOfExpected of those, readings PostgreSQL holds
     * @param collected           readings the store holds (including the windows still open at the end
     *                            and the quarter in progress at the start for Modbus meters)
     * @param delivered           readings PostgreSQL holds from this concentrator
     * @param lost                readings in the store that PostgreSQL does not have
     * @param mismatched          readings PostgreSQL has with another value than the store
     * @param notHeld             due readings a meter did not hold (not counted in {@code expected})
     */
    public record Tally(long expected, long collectedOfExpected, long deliveredOfExpected, long collected,
                        long delivered, long lost, long mismatched, long notHeld) {

        static final Tally ZERO = new Tally(0, 0, 0, 0, 0, 0, 0, 0);

        Tally plus(Tally o) {
            return new Tally(expected + o.expected, collectedOfExpected + o.collectedOfExpected,
                    deliveredOfExpected + o.deliveredOfExpected, collected + o.collected,
                    delivered + o.delivered, lost + o.lost, mismatched + o.mismatched, notHeld + o.notHeld);
        }
    }

    /**
     * The audit's result.
     *
     * @param total          all kinds together
     * @param byKind         per kind that occurred
     * @param metersCollected meters with at least one reading in the store
     * @param metersDelivered meters with at least one reading in PostgreSQL
     */
    public record Result(Tally total, Map<ReadingKind, Tally> byKind, int metersCollected, int metersDelivered) {
    }

    /** Where PostgreSQL's readings of one point come from. */
    public interface CloudReadings {
        Map<Reading.Key, Long> of(int point) throws SQLException;
    }

    private ReadingAudit() {
    }

    /**
     * Runs the audit.
     *
     * @param meters   every meter of the archive
     * @param expected what the meters produced
     * @param holdings what each meter (by point) holds
     * @param store    the concentrator's store, open
     * @param cloud    PostgreSQL's readings per point
     */
    public static Result run(List<FieldMeter> meters, ExpectedReadings expected, IntFunction<MeterHoldings> holdings,
                             ForwardStore store, CloudReadings cloud) throws StoreException, SQLException {
        Map<ReadingKind, Tally> byKind = new EnumMap<>(ReadingKind.class);
        int collectedMeters = 0;
        int deliveredMeters = 0;
        for (FieldMeter m : meters) {
            ExpectedReadings.ForMeter exp = expected.of(m, holdings.apply(m.point()));
            Map<Reading.Key, Long> pg = cloud.of(m.point());
            Set<Reading.Key> seen = new HashSet<>();
            boolean any = false;
            for (ReadingKind kind : ReadingKind.values()) {
                long collected = 0;
                long ofExpected = 0;
                long lost = 0;
                long mismatched = 0;
                for (Reading r : store.readings(m.point(), kind, Long.MIN_VALUE, Long.MAX_VALUE)) {
                    Reading.Key key = r.key();
                    if (!seen.add(key)) {
                        continue;
                    }
                    collected++;
                    if (exp.keys().contains(key)) {
                        ofExpected++;
                    }
                    Long value = pg.get(key);
                    if (value == null) {
                        lost++;
                    } else if (value != r.value()) {
                        mismatched++;
                    }
                }
                long expectedOfKind = exp.keys().stream().filter(k -> k.kind() == kind).count();
                long deliveredOfExpected = exp.keys().stream().filter(k -> k.kind() == kind && pg.containsKey(k)).count();
                long delivered = pg.keySet().stream().filter(k -> k.kind() == kind).count();
                long notHeld = exp.notHeld(kind);
                Tally t = new Tally(expectedOfKind, ofExpected, deliveredOfExpected, collected, delivered, lost, mismatched,
                        notHeld);
                if (!t.equals(Tally.ZERO)) {
                    byKind.merge(kind, t, Tally::plus);
                }
                any |= collected > 0;
            }
            if (any) {
                collectedMeters++;
            }
            if (!pg.isEmpty()) {
                deliveredMeters++;
            }
        }
        Tally total = byKind.values().stream().reduce(Tally.ZERO, Tally::plus);
        return new Result(total, byKind, collectedMeters, deliveredMeters);
    }
}
