package org.openami.concentrator.store;

/**
 * The key of the reading index: a {@link org.openami.concentrator.model.Reading.Key} with the
 * kind and quantity replaced by their {@link Dictionary} codes. Ordered by point, kind, data
 * time, quantity, so one point's readings of one kind over a time range are one contiguous
 * range of the index.
 */
record IndexKey(int point, int kind, long dataTime, int quantity) implements Comparable<IndexKey> {

    @Override
    public int compareTo(IndexKey o) {
        int c = Integer.compare(point, o.point);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(kind, o.kind);
        if (c != 0) {
            return c;
        }
        c = Long.compare(dataTime, o.dataTime);
        return c != 0 ? c : Integer.compare(quantity, o.quantity);
    }
}
