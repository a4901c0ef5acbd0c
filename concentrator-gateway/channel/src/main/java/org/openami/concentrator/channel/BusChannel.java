package org.openami.concentrator.channel;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A half-duplex multi-drop bus (RS-485): one request on the wire at a time, served in
 * {@link Priority} order, then submission order.
 *
 * <p>An exchange sends the frame, waits for the first reply byte until the end of the
 * request's wire time plus its reply timeout, then reads until the {@link ReplyAssembler}
 * says the reply is complete. Between bytes it waits at most the inter-byte timeout, and the
 * whole exchange never holds the bus longer than the reply timeout plus the wire time of a
 * {@link BusTiming#maxReplyBytes() maximum reply} plus one inter-byte timeout: a meter
 * that answers late, slowly or endlessly fails with its reason and the bus moves on. After a
 * failed exchange the line is drained until it is quiet, so a late reply is never taken for
 * the next meter's.
 *
 * <p>A failed attempt whose {@link FailureReason#retryable() reason is retryable} goes back
 * to the queue after a backoff (doubling from {@link BusTiming#backoff()} up to
 * {@link BusTiming#maxBackoff()}) while other requests use the bus. Line quality is kept per
 * target.
 *
 * <p>Threads: one worker thread ({@code bus-<id>}) does all I/O; futures complete on a
 * second thread ({@code bus-<id>-done}) so a slow dependent stage never stalls the bus.
 * {@link #submit} and the statistics methods are thread-safe and never block on I/O.
 */
public final class BusChannel implements Channel {

    private static final Logger LOG = LoggerFactory.getLogger(BusChannel.class);
    private static final int READ_BUFFER = 512;

    private final String id;
    private final Transport transport;
    private final LineSettings defaultLine;
    private final BusTiming timing;
    private final Clock clock;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Pending<?>> ready = new PriorityQueue<>(
            Comparator.<Pending<?>>comparingInt(p -> p.request.priority().ordinal()).thenComparingLong(p -> p.seq));
    private final PriorityQueue<Pending<?>> waiting = new PriorityQueue<>(Comparator.comparingLong(p -> p.notBefore));
    private long nextSeq;
    private boolean closed;

    private final Map<String, TargetStats> targets = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong busyNanos = new AtomicLong();

    private final Thread worker;
    private final ExecutorService completions;

    // worker-thread state
    private LineSettings currentLine;
    private boolean lineDirty;
    private boolean discardBeforeNext;
    private int lastReceived;

    /**
     * Starts the channel's worker. The channel owns {@code transport} from now on and closes it
     * in {@link #close()}.
     *
     * @param id          the channel id archive records name
     * @param transport   the medium
     * @param defaultLine framing for requests that do not name their own
     * @param timing      timeouts, backoff and queue bound
     * @param clock       wall clock for {@link LineQuality#lastSuccessMillis()}; durations use
     *                    {@link System#nanoTime()}
     */
    public BusChannel(String id, Transport transport, LineSettings defaultLine, BusTiming timing, Clock clock) {
        this.id = Objects.requireNonNull(id, "id");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.defaultLine = Objects.requireNonNull(defaultLine, "defaultLine");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.completions = Executors.newSingleThreadExecutor(r -> daemon(r, "bus-" + id + "-done"));
        this.worker = daemon(this::run, "bus-" + id);
        worker.start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public String id() {
        return id;
    }

    /** The transport's description: where this bus goes. */
    public String describe() {
        return transport.describe();
    }

    @Override
    public <R> CompletableFuture<R> submit(Request<R> request) {
        Objects.requireNonNull(request, "request");
        CompletableFuture<R> future = new CompletableFuture<>();
        requests.incrementAndGet();
        lock.lock();
        try {
            if (closed) {
                failNow(future, new ExchangeException(FailureReason.CLOSED, "channel " + id + " is closed"));
                return future;
            }
            if (ready.size() + waiting.size() >= timing.maxQueued()) {
                failNow(future, new ExchangeException(FailureReason.OVERLOADED,
                        "channel " + id + " has " + timing.maxQueued() + " requests waiting"));
                return future;
            }
            ready.add(new Pending<>(request, future, nextSeq++));
            changed.signal();
        } finally {
            lock.unlock();
        }
        return future;
    }

    private void failNow(CompletableFuture<?> future, ExchangeException e) {
        failed.incrementAndGet();
        future.completeExceptionally(e);
    }

    @Override
    public LineQuality quality(String target) {
        TargetStats s = targets.get(target);
        return s == null ? LineQuality.none(target) : s.snapshot();
    }

    @Override
    public Map<String, LineQuality> qualities() {
        Map<String, LineQuality> out = new java.util.TreeMap<>();
        targets.forEach((k, v) -> out.put(k, v.snapshot()));
        return out;
    }

    @Override
    public ChannelStatistics statistics() {
        int queued;
        lock.lock();
        try {
            queued = ready.size() + waiting.size();
        } finally {
            lock.unlock();
        }
        return new ChannelStatistics(requests.get(), succeeded.get(), failed.get(), attempts.get(), retries.get(),
                queued, bytesSent.get(), bytesReceived.get(), busyNanos.get());
    }

    /**
     * Fails every queued request with {@link FailureReason#CLOSED}, lets the exchange in
     * progress end (its future fails too), closes the transport. Waits up to 2 s for the
     * worker. Idempotent.
     */
    @Override
    public void close() {
        List<Pending<?>> dropped = new ArrayList<>();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            dropped.addAll(ready);
            dropped.addAll(waiting);
            ready.clear();
            waiting.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Pending<?> p : dropped) {
            failed.incrementAndGet();
            p.future.completeExceptionally(new ExchangeException(FailureReason.CLOSED, "channel " + id + " closed"));
        }
        transport.close();
        worker.interrupt();
        try {
            worker.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        completions.shutdown();
        try {
            completions.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "BusChannel[" + id + ", " + transport.describe() + ", " + defaultLine + "]";
    }

    // ---- worker ----------------------------------------------------------------------

    private void run() {
        byte[] buf = new byte[READ_BUFFER];
        while (true) {
            Pending<?> p = next();
            if (p == null) {
                return;
            }
            try {
                exchange(p, buf);
            } catch (RuntimeException e) {
                // an assembler or transport broke its contract: the request fails, the bus goes on
                LOG.error("channel {}: {} failed unexpectedly", id, p.request.description(), e);
                lineDirty = true;
                finish(p, new ExchangeException(FailureReason.CORRUPT, "unexpected failure: " + e));
            }
        }
    }

    /** The next request to send, waiting for one; null once closed. */
    private Pending<?> next() {
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    return null;
                }
                long now = System.nanoTime();
                while (!waiting.isEmpty() && waiting.peek().notBefore - now <= 0) {
                    ready.add(waiting.poll());
                }
                if (!ready.isEmpty()) {
                    return ready.poll();
                }
                try {
                    if (waiting.isEmpty()) {
                        changed.await();
                    } else {
                        changed.awaitNanos(waiting.peek().notBefore - now);
                    }
                } catch (InterruptedException e) {
                    if (closed) {
                        return null;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private <R> void exchange(Pending<R> p, byte[] buf) {
        Request<R> req = p.request;
        LineSettings line = req.line() != null ? req.line() : defaultLine;
        p.attempt++;
        attempts.incrementAndGet();
        if (p.attempt > 1) {
            retries.incrementAndGet();
        }
        TargetStats stats = targets.computeIfAbsent(req.target(), TargetStats::new);
        long start = System.nanoTime();
        try {
            if (!line.equals(currentLine)) {
                transport.configure(line);
                currentLine = line;
                lineDirty = true;
            }
            if (lineDirty) {
                drain(line);
            } else if (discardBeforeNext) {
                transport.discardInput();
                discardBeforeNext = false;
            }
            start = System.nanoTime();
            transport.write(req.frameUnsafe());
            bytesSent.addAndGet(req.frameLength());
            long endOfRequest = Math.max(System.nanoTime(), start + line.wireNanos(req.frameLength()));
            if (!req.expectsReply()) {
                // nobody answers; keep the bus until the frame is out plus one turnaround
                sleepUntil(endOfRequest + timing.interByteTimeout().toNanos());
                busyNanos.addAndGet(System.nanoTime() - start);
                stats.success(0, clock.millis());
                succeed(p, null);
                return;
            }
            long replyTimeout = (req.replyTimeout() != null ? req.replyTimeout() : timing.replyTimeout()).toNanos();
            R reply = receive(req, line, buf, endOfRequest, replyTimeout);
            long end = System.nanoTime();
            busyNanos.addAndGet(end - start);
            stats.success((end - endOfRequest) / 1000, clock.millis());
            succeed(p, reply);
        } catch (ExchangeException e) {
            busyNanos.addAndGet(System.nanoTime() - start);
            // silence needs no drain (a late reply is set aside by the next assembler); anything else does
            lineDirty = lastReceived > 0 || e.reason() != FailureReason.TIMEOUT;
            discardBeforeNext = true;
            stats.failure(e);
            retryOrFail(p, e);
        } catch (IOException e) {
            busyNanos.addAndGet(System.nanoTime() - start);
            lineDirty = true;
            currentLine = null; // the transport reopens and reconfigures
            ExchangeException ee = new ExchangeException(FailureReason.IO_ERROR,
                    transport.describe() + ": " + e.getMessage(), e);
            stats.failure(ee);
            retryOrFail(p, ee);
        }
    }

    private <R> R receive(Request<R> req, LineSettings line, byte[] buf, long endOfRequest, long replyTimeout)
            throws ExchangeException, IOException {
        ReplyAssembler<R> assembler = req.newAssembler();
        long interByte = timing.interByteTimeout().toNanos();
        long firstByteDeadline = endOfRequest + replyTimeout;
        long hardDeadline = firstByteDeadline + line.wireNanos(timing.maxReplyBytes()) + interByte;
        int received = 0;
        lastReceived = 0;
        while (true) {
            long now = System.nanoTime();
            // between frames (nothing yet, or only another meter's stray reply): wait for the start of ours
            boolean awaitingStart = received == 0 || assembler.betweenFrames();
            long deadline = received == 0 ? firstByteDeadline
                    : awaitingStart ? hardDeadline : Math.min(now + interByte, hardDeadline);
            long wait = deadline - now;
            if (wait <= 0) {
                return endOfWait(assembler, received, replyTimeout, hardDeadline - endOfRequest);
            }
            int n = transport.read(buf, wait);
            if (n < 0) {
                throw new IOException("end of stream");
            }
            if (n == 0) {
                if (awaitingStart) {
                    continue; // the loop re-checks the deadline
                }
                R r = assembler.silence();
                if (r != null) {
                    return r;
                }
                // a reply cut short: noise, a collision of two meters, a meter reset mid-frame
                throw new ExchangeException(FailureReason.CORRUPT, "reply stopped after " + received
                        + " bytes (silent for " + timing.interByteTimeout().toMillis() + " ms)");
            }
            received += n;
            lastReceived = received;
            bytesReceived.addAndGet(n);
            R r = assembler.offer(buf, 0, n);
            if (r != null) {
                return r;
            }
        }
    }

    private static <R> R endOfWait(ReplyAssembler<R> assembler, int received, long replyTimeout, long limit)
            throws ExchangeException {
        R r = assembler.silence();
        if (r != null) {
            return r;
        }
        if (received == 0) {
            throw new ExchangeException(FailureReason.TIMEOUT, "no reply within " + replyTimeout / 1_000_000 + " ms");
        }
        if (assembler.betweenFrames()) {
            throw new ExchangeException(FailureReason.TIMEOUT, "no reply within " + limit / 1_000_000
                    + " ms (" + received + " bytes of other traffic)");
        }
        throw new ExchangeException(FailureReason.CORRUPT, "reply did not end within " + limit / 1_000_000
                + " ms (" + received + " bytes)");
    }

    /** Reads and drops until the line has been quiet for one inter-byte timeout (bounded). */
    private void drain(LineSettings line) throws IOException {
        byte[] scratch = new byte[READ_BUFFER];
        long quiet = timing.interByteTimeout().toNanos();
        long limit = System.nanoTime() + timing.replyTimeout().toNanos() + line.wireNanos(timing.maxReplyBytes());
        while (System.nanoTime() - limit < 0) {
            int n = transport.read(scratch, quiet);
            if (n < 0) {
                throw new IOException("end of stream");
            }
            if (n == 0) {
                break;
            }
            bytesReceived.addAndGet(n);
        }
        transport.discardInput();
        lineDirty = false;
    }

    private <R> void retryOrFail(Pending<R> p, ExchangeException e) {
        if (e.reason().retryable() && p.attempt < p.request.maxAttempts()) {
            long backoff = timing.backoff().toNanos() << Math.min(p.attempt - 1, 16);
            backoff = Math.min(backoff, timing.maxBackoff().toNanos());
            LOG.debug("channel {}: {} attempt {} failed ({}: {}); retrying in {} ms", id, p.request.description(),
                    p.attempt, e.reason(), e.getMessage(), backoff / 1_000_000);
            p.notBefore = System.nanoTime() + backoff;
            lock.lock();
            try {
                if (!closed) {
                    waiting.add(p);
                    changed.signal();
                    return;
                }
            } finally {
                lock.unlock();
            }
            e = new ExchangeException(FailureReason.CLOSED, "channel " + id + " closed while retrying: "
                    + e.getMessage(), e);
        }
        finish(p, e);
    }

    private <R> void succeed(Pending<R> p, R reply) {
        succeeded.incrementAndGet();
        completeAndLetReact(() -> p.future.complete(reply));
    }

    /**
     * Completes a successful request and waits (at most {@value #REACTION_WAIT_MILLIS} ms) for its
     * callbacks before the bus takes the next request, so that a request a callback submits in
     * reaction to the reply (local prepayment tripping the meter whose read just exhausted its
     * balance) is queued before the next one is chosen: at control priority it goes next instead
     * of waiting behind a read already on the wire. Callbacks normally take microseconds; a slow
     * one costs the bus at most the bound.
     */
    private void completeAndLetReact(Runnable completion) {
        java.util.concurrent.Future<?> done;
        try {
            done = completions.submit(completion);
        } catch (RejectedExecutionException closing) {
            completion.run();
            return;
        }
        try {
            done.get(REACTION_WAIT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException slow) {
            // go on: the bus does not wait longer for a slow callback
        } catch (java.util.concurrent.ExecutionException ignored) {
            // a callback's own failure is its business
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void finish(Pending<?> p, ExchangeException e) {
        failed.incrementAndGet();
        complete(() -> p.future.completeExceptionally(e));
    }

    /** How long the bus waits for a successful request's callbacks before taking the next request. */
    static final long REACTION_WAIT_MILLIS = 25;

    /** Completes on the completion thread; directly once that is shut down (closing). */
    private void complete(Runnable completion) {
        try {
            completions.execute(completion);
        } catch (RejectedExecutionException closing) {
            completion.run();
        }
    }

    private static void sleepUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    /** A queued request and its progress. Mutated only by the worker (and under the lock). */
    private static final class Pending<R> {
        final Request<R> request;
        final CompletableFuture<R> future;
        final long seq;
        int attempt;
        long notBefore;

        Pending(Request<R> request, CompletableFuture<R> future, long seq) {
            this.request = request;
            this.future = future;
            this.seq = seq;
        }
    }
}
