package org.openami.concentrator.collector;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import org.openami.concentrator.archive.MeterRecord;

/**
 * The meters the scheduler works on, by measurement point, and what changed when a new list
 * arrives. Not thread-safe: guarded by the scheduler's lock.
 */
final class Archive {

    /** What {@link #apply} changed. A meter whose address or protocol changed is removed and added. */
    record Diff(BitSet added, BitSet removed, List<Move> moved) {
        boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty() && moved.isEmpty();
        }
    }

    /** A meter that moved to another channel. */
    record Move(int point, String from, String to) {
    }

    private final MeterRecord[] byPoint = new MeterRecord[MeterRecord.MAX_POINT + 1];
    private final BitSet points = new BitSet(MeterRecord.MAX_POINT + 1);

    MeterRecord get(int point) {
        return point >= 1 && point <= MeterRecord.MAX_POINT ? byPoint[point] : null;
    }

    /** Whether {@code meter} is still the meter on its point (same address and protocol). */
    boolean holds(MeterRecord meter) {
        MeterRecord m = get(meter.point());
        return m != null && m.address().equals(meter.address()) && m.protocol() == meter.protocol();
    }

    /** A copy of the set of points. */
    BitSet points() {
        return (BitSet) points.clone();
    }

    int size() {
        return points.cardinality();
    }

    /**
     * Replaces the meters with {@code meters}.
     *
     * @throws IllegalArgumentException if two records share a point (nothing is changed then)
     */
    Diff apply(List<MeterRecord> meters) {
        MeterRecord[] next = index(meters);
        BitSet added = new BitSet();
        BitSet removed = new BitSet();
        List<Move> moved = new ArrayList<>();
        for (int p = 1; p <= MeterRecord.MAX_POINT; p++) {
            MeterRecord old = byPoint[p];
            MeterRecord now = next[p];
            if (Objects.equals(old, now)) {
                continue;
            }
            if (old == null) {
                added.set(p);
            } else if (now == null) {
                removed.set(p);
            } else if (!old.address().equals(now.address()) || old.protocol() != now.protocol()) {
                removed.set(p);
                added.set(p);
            } else if (!old.channel().equals(now.channel())) {
                moved.add(new Move(p, old.channel(), now.channel()));
            }
            byPoint[p] = now;
            if (now == null) {
                points.clear(p);
            } else {
                points.set(p);
            }
        }
        return new Diff(added, removed, moved);
    }

    /** Indexes {@code meters} by point; throws naming a duplicate point. */
    static MeterRecord[] index(List<MeterRecord> meters) {
        MeterRecord[] next = new MeterRecord[MeterRecord.MAX_POINT + 1];
        for (MeterRecord m : meters) {
            Objects.requireNonNull(m, "meter record");
            if (next[m.point()] != null) {
                throw new IllegalArgumentException("point " + m.point() + " appears twice in the archive");
            }
            next[m.point()] = m;
        }
        return next;
    }
}
