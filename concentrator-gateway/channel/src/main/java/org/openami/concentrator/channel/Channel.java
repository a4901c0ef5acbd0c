package org.openami.concentrator.channel;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One medium to a set of meters. Thread-safe: any thread may submit.
 *
 * <p>Implementations decide concurrency: a half-duplex RS-485 bus has one request in flight;
 * a PLC modem may have several outstanding, each answered asynchronously and late.
 */
public interface Channel extends AutoCloseable {

    /** The channel's configured id ("rs485-1"), which archive records name. */
    String id();

    /**
     * Queues a request. Never throws for a bad exchange: the future completes with the reply,
     * or exceptionally with an {@link ExchangeException} saying why (after the request's
     * attempts are used up). Completing the future must not block the channel: callers should
     * not run long work in dependent stages without an executor of their own.
     */
    <R> CompletableFuture<R> submit(Request<R> request);

    /** The line quality toward {@code target}, {@link LineQuality#none(String)} if never used. */
    LineQuality quality(String target);

    /** Every target's line quality so far. */
    Map<String, LineQuality> qualities();

    /** Channel-wide counters. */
    ChannelStatistics statistics();

    /** Fails queued requests with {@link FailureReason#CLOSED} and releases the transport. Idempotent. */
    @Override
    void close();
}
