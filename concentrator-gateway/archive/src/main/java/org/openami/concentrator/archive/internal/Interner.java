package org.openami.concentrator.archive.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Shares equal values read from one file (channel ids, areas, tariffs, serial settings), so
 * 2,040 meters on two channels hold two channel strings, not 2,040. Not thread-safe: one per read.
 */
public final class Interner {

    private final Map<Object, Object> seen = new HashMap<>();

    /** The first value equal to {@code v} that was passed in. */
    @SuppressWarnings("unchecked")
    public <T> T intern(T v) {
        Object first = seen.putIfAbsent(v, v);
        return first == null ? v : (T) first;
    }
}
