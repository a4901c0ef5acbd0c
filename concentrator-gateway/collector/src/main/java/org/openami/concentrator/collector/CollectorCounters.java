package org.openami.concentrator.collector;

/**
 * Scheduler-wide counters since it was created. Immutable snapshot.
 *
 * @param ticks              calls of {@link CollectionScheduler#tick()}
 * @param submitted          scheduled reads handed to the reader
 * @param succeeded          scheduled reads that returned readings
 * @param failed             scheduled reads that failed (including stuck ones and store failures)
 * @param unsupported        reads the reader declared unsupported
 * @param onDemand           on-demand reads started
 * @param readerErrors       reader misbehaviour: {@code read} threw or returned null, or a read
 *                           failed with something other than an
 *                           {@link org.openami.concentrator.channel.ExchangeException}
 * @param sinkErrors         calls of the sink that threw
 * @param stuckReads         reads that had not completed after
 *                           {@link CollectorSettings#stuckAfterTicks()} ticks
 * @param lateReplies        replies that arrived after their window had closed (stored, not
 *                           counted as collected)
 * @param foreignReadings    readings dropped because their point was not the meter's
 * @param missedQuarters     curve quarters skipped because the clock jumped (or ticks stopped)
 * @param clockJumpsForward  times the clock moved forward by more than a quarter between ticks
 * @param clockJumpsBackward times the clock moved backward between ticks
 * @param internalErrors     unexpected exceptions inside the scheduler (a bug), logged
 */
public record CollectorCounters(long ticks, long submitted, long succeeded, long failed, long unsupported,
                                long onDemand, long readerErrors, long sinkErrors, long stuckReads,
                                long lateReplies, long foreignReadings, long missedQuarters,
                                long clockJumpsForward, long clockJumpsBackward, long internalErrors) {
}
