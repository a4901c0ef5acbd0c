package org.openami.concentrator.collector;

import java.util.concurrent.atomic.LongAdder;

/** The scheduler's counters; thread-safe (updated from the tick thread and channel threads). */
final class Counters {
    final LongAdder ticks = new LongAdder();
    final LongAdder submitted = new LongAdder();
    final LongAdder succeeded = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder unsupported = new LongAdder();
    final LongAdder onDemand = new LongAdder();
    final LongAdder readerErrors = new LongAdder();
    final LongAdder sinkErrors = new LongAdder();
    final LongAdder stuckReads = new LongAdder();
    final LongAdder lateReplies = new LongAdder();
    final LongAdder foreignReadings = new LongAdder();
    final LongAdder missedQuarters = new LongAdder();
    final LongAdder clockJumpsForward = new LongAdder();
    final LongAdder clockJumpsBackward = new LongAdder();
    final LongAdder internalErrors = new LongAdder();

    CollectorCounters snapshot() {
        return new CollectorCounters(ticks.sum(), submitted.sum(), succeeded.sum(), failed.sum(), unsupported.sum(),
                onDemand.sum(), readerErrors.sum(), sinkErrors.sum(), stuckReads.sum(), lateReplies.sum(),
                foreignReadings.sum(), missedQuarters.sum(), clockJumpsForward.sum(), clockJumpsBackward.sum(),
                internalErrors.sum());
    }
}
