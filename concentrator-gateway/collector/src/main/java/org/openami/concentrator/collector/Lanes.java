package org.openami.concentrator.collector;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openami.concentrator.archive.MeterRecord;

/**
 * Back-pressure: at most {@code max} scheduled reads hold a slot on each channel, so that the
 * channel's own queue stays short and a control command or an on-demand read is sent after at
 * most that many scheduled exchanges. Also the registry of reads in flight. Not thread-safe:
 * guarded by the scheduler's lock.
 */
final class Lanes {

    private final int max;
    private final Map<String, int[]> held = new HashMap<>();
    private final Map<Long, InFlight> entries = new LinkedHashMap<>();
    private long nextId;

    Lanes(int max) {
        this.max = max;
    }

    /** Free slots on {@code channel}. */
    int free(String channel) {
        int[] h = held.get(channel);
        return h == null ? max : max - h[0];
    }

    /** Slots in use on {@code channel}. */
    int held(String channel) {
        int[] h = held.get(channel);
        return h == null ? 0 : h[0];
    }

    /** Takes a slot of {@code channel} for a read of {@code point}; the caller checked {@link #free}. */
    InFlight acquire(String channel, Window window, int point, long tick) {
        int[] h = held.computeIfAbsent(channel, c -> new int[1]);
        if (h[0] >= max) {
            throw new IllegalStateException("channel " + channel + " has no free slot");
        }
        h[0]++;
        InFlight f = new InFlight(++nextId, channel, window, point, window.task, tick);
        entries.put(f.id, f);
        return f;
    }

    /** Frees the slot of a completed read; false if it was already freed (declared stuck). */
    boolean release(InFlight f) {
        if (!f.slotHeld) {
            return false;
        }
        f.slotHeld = false;
        int[] h = held.get(f.channel);
        if (h != null && --h[0] == 0) {
            held.remove(f.channel);
        }
        return true;
    }

    /** Forgets a read once its outcome is processed. */
    void remove(InFlight f) {
        entries.remove(f.id);
    }

    /** Reads still holding a slot after {@code afterTicks} ticks: frees their slots and marks them expired. */
    List<InFlight> expire(long tick, int afterTicks) {
        List<InFlight> stuck = new ArrayList<>();
        for (InFlight f : entries.values()) {
            if (f.slotHeld && tick - f.submittedTick > afterTicks) {
                release(f);
                f.expired = true;
                stuck.add(f);
            }
        }
        return stuck;
    }

    /** Points with a read of {@code task} not yet processed (in flight or completed but unprocessed). */
    BitSet points(ReadTask task) {
        BitSet b = new BitSet(MeterRecord.MAX_POINT + 1);
        for (InFlight f : entries.values()) {
            if (!f.expired && f.task.equals(task)) {
                b.set(f.point);
            }
        }
        return b;
    }

    /** Whether {@code window} has reads not yet processed. */
    boolean busy(Window window) {
        for (InFlight f : entries.values()) {
            if (f.window == window && !f.expired) {
                return true;
            }
        }
        return false;
    }

    /** Reads holding a slot, all channels. */
    int inFlight() {
        int n = 0;
        for (int[] h : held.values()) {
            n += h[0];
        }
        return n;
    }
}
