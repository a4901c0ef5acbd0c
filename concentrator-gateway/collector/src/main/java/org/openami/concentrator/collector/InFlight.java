package org.openami.concentrator.collector;

/**
 * One scheduled read handed to the reader and not yet processed by the tick thread. Holds a
 * slot of its channel until its future completes (or it is declared stuck). Fields other
 * than the final ones are guarded by the scheduler's lock.
 */
final class InFlight {
    final long id;
    final String channel;
    final Window window;
    final int point;
    final ReadTask task;
    final long submittedTick;
    /** Whether it still occupies a channel slot. */
    boolean slotHeld = true;
    /** Declared stuck: its slot was freed and a failure recorded before the future completed. */
    boolean expired;

    InFlight(long id, String channel, Window window, int point, ReadTask task, long submittedTick) {
        this.id = id;
        this.channel = channel;
        this.window = window;
        this.point = point;
        this.task = task;
        this.submittedTick = submittedTick;
    }
}
