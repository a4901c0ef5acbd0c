package org.openami.concentrator.bench.bus;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import org.openami.concentrator.channel.ExchangeException;
import org.openami.concentrator.channel.LineSettings;
import org.openami.concentrator.channel.Priority;
import org.openami.concentrator.dlt645.Dlt645Master;
import org.openami.dlt645.DataIdentifier;
import org.openami.dlt645.MeterAddress;
import org.openami.dlt645.data.NumericFormat;

/**
 * Keeps one channel busy: reads one data identifier from every meter in turn, with a fixed
 * number of requests outstanding so the channel's queue never runs dry, and measures what
 * completes inside a window.
 *
 * <p>The channel serves requests of one priority in submission order, one at a time, so with
 * requests always queued the interval between two consecutive completions is the time the
 * bus took for one exchange (request, turnaround, reply and the master's own overhead): the
 * "exchange time" reported.
 *
 * <p>Thread-safe. {@link #start()} and {@link #stop()} from the benchmark's thread; completions
 * arrive on the channel's completion thread, which also submits the next read (never blocks).
 */
public final class BusLoad {

    /** What completed inside a measuring window. */
    public record Result(long successes, long failures, Map<String, Long> failureReasons, double seconds,
                         double readsPerSecond, long p50Nanos, long p95Nanos) {
    }

    private final Dlt645Master master;
    private final List<MeterAddress> meters;
    private final LineSettings line;
    private final DataIdentifier di;
    private final int outstanding;

    private final Object lock = new Object();
    // guarded by lock
    private boolean running;
    private boolean measuring;
    private int next;
    private int inFlight;
    private long successes;
    private long failures;
    private final Map<String, Long> reasons = new TreeMap<>();
    private Samples intervals = new Samples();
    private long firstAt;
    private long lastAt;
    private long completions;

    /**
     * @param master      the DL/T 645 master on the channel under test
     * @param meters      the meters to read, in turn
     * @param line        the line settings of the reads
     * @param di          what to read (a 4-byte energy register: the reply is checked as such)
     * @param outstanding requests kept submitted, at least 1
     */
    public BusLoad(Dlt645Master master, List<MeterAddress> meters, LineSettings line, DataIdentifier di,
            int outstanding) {
        this.master = Objects.requireNonNull(master, "master");
        this.meters = List.copyOf(meters);
        this.line = Objects.requireNonNull(line, "line");
        this.di = Objects.requireNonNull(di, "di");
        if (this.meters.isEmpty() || outstanding < 1) {
            throw new IllegalArgumentException("need meters and at least one outstanding request");
        }
        this.outstanding = outstanding;
    }

    /** Submits the first requests; from then on every completion submits the next one. */
    public void start() {
        synchronized (lock) {
            running = true;
        }
        for (int i = 0; i < outstanding; i++) {
            submitNext();
        }
    }

    /** Starts counting completions (discarding anything counted before). */
    public void beginWindow() {
        synchronized (lock) {
            measuring = true;
            successes = 0;
            failures = 0;
            reasons.clear();
            intervals = new Samples();
            firstAt = 0;
            lastAt = 0;
            completions = 0;
        }
    }

    /** Stops counting and returns what completed since {@link #beginWindow()}. */
    public Result endWindow() {
        synchronized (lock) {
            measuring = false;
            double span = (lastAt - firstAt) / 1e9;
            // n completions span n - 1 exchanges between the first and the last
            double rate = completions > 1 && span > 0 ? (completions - 1) / span * successes / completions : 0;
            return new Result(successes, failures, Map.copyOf(reasons), span, rate, intervals.percentile(50),
                    intervals.percentile(95));
        }
    }

    /** Stops submitting and waits (up to 5 s) for the outstanding requests. */
    public void stop() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        synchronized (lock) {
            running = false;
            while (inFlight > 0) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return;
                }
                lock.wait(left);
            }
        }
    }

    private void submitNext() {
        MeterAddress a;
        synchronized (lock) {
            if (!running) {
                return;
            }
            a = meters.get(next);
            next = (next + 1) % meters.size();
            inFlight++;
        }
        master.read(a, di, line, Priority.SCHEDULED).whenComplete((v, e) -> completed(v, e));
    }

    private void completed(byte[] value, Throwable error) {
        long now = System.nanoTime();
        String failure = error != null ? reason(error) : check(value);
        boolean again;
        synchronized (lock) {
            inFlight--;
            if (measuring) {
                if (completions > 0) {
                    intervals.add(now - lastAt);
                } else {
                    firstAt = now;
                }
                lastAt = now;
                completions++;
                if (failure == null) {
                    successes++;
                } else {
                    failures++;
                    reasons.merge(failure, 1L, Long::sum);
                }
            }
            again = running;
            lock.notifyAll();
        }
        if (again) {
            submitNext();
        }
    }

    private static String check(byte[] value) {
        try {
            if (value.length != NumericFormat.ENERGY.size()) {
                return "BAD_LENGTH";
            }
            NumericFormat.ENERGY.decode(value, 0);
            return null;
        } catch (IllegalArgumentException e) {
            return "BAD_BCD";
        }
    }

    private static String reason(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return t instanceof ExchangeException x ? x.reason().name() : t.getClass().getSimpleName();
    }
}
