package org.openami.concentrator.archive.internal;

import java.util.HashMap;
import java.util.Map;
import org.openami.concentrator.archive.MeterRecord;

/**
 * Finds measurement points and (channel, address) pairs used twice, remembering where each
 * was first seen. Not thread-safe: one per read.
 */
public final class DuplicateTracker {

    /** line + 1 of the first use of each point; 0 = not seen. */
    private final int[] pointLine = new int[MeterRecord.MAX_POINT + 1];
    /** channel NUL address -> {point (0 if unknown), line}. */
    private final Map<String, int[]> addresses = new HashMap<>();

    /**
     * Notes that {@code point} (1..{@link MeterRecord#MAX_POINT}) is used on {@code line}.
     *
     * @return the message of a problem if it was used before, else null
     */
    public String point(int point, int line) {
        int first = pointLine[point];
        if (first == 0) {
            pointLine[point] = line + 1;
            return null;
        }
        return "point " + point + " is given twice" + (first > 1 ? " (first on line " + (first - 1) + ")" : "");
    }

    /**
     * Notes that {@code address} (canonical form) is used on {@code channel} by {@code point}
     * (0 if unknown) on {@code line}.
     *
     * @return the message of a problem if the pair was used before, else null
     */
    public String address(String channel, String address, int point, int line) {
        int[] first = addresses.putIfAbsent(channel + '\0' + address, new int[] {point, line});
        if (first == null) {
            return null;
        }
        String by = first[0] > 0 ? "point " + first[0] : "the meter";
        return "address " + address + " is already used on channel " + Printable.escape(channel, RecordRules.MAX_TEXT)
                + " by " + by + (first[1] > 0 ? " (line " + first[1] + ")" : "");
    }
}
