package org.openami.concentrator.collector;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openami.concentrator.archive.MeterRecord;
import org.openami.concentrator.channel.ExchangeException;
import org.openami.concentrator.channel.FailureReason;
import org.openami.concentrator.channel.Priority;
import org.openami.concentrator.model.EventType;
import org.openami.concentrator.model.MeterEvent;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SGCC-style collection for one concentrator: decides what to read from which meter when,
 * keeps at most a few reads outstanding per channel, retries in rounds within each window, and
 * counts success per day and per meter.
 *
 * <h2>Schedule</h2>
 * <ul>
 *   <li><b>Curve</b>: at every quarter hour + {@link CollectorSettings#curveOffset()}, a
 *       {@link ReadTask.CurvePoint} for every meter; window until the next point is due; retry
 *       rounds every {@link CollectorSettings#curveRetryInterval()}. Quarters the clock jumped
 *       over are counted missed.</li>
 *   <li><b>Daily freeze</b>: from {@link CollectorSettings#dailyStart()} until
 *       {@link CollectorSettings#dailyEnd()}, yesterday's {@link ReadTask.DailyFreeze}; retry
 *       rounds every {@link CollectorSettings#retryInterval()}; meters still missing when the
 *       window closes raise {@link EventType#COLLECTION_FAILED}.</li>
 *   <li><b>Back-fill</b>: once a day in the same window (and at start-up), the daily freezes of
 *       the {@link CollectorSettings#backfillDays()} days before yesterday that the sink does
 *       not have, at {@link Priority#BULK}; a day still missing at the end raises
 *       {@link EventType#BACKFILL_FAILED}.</li>
 *   <li><b>Monthly freeze</b>: on {@link CollectorSettings#settlementDay()} in the same window,
 *       the previous month's {@link ReadTask.MonthlyFreeze}; failures raise
 *       {@link EventType#COLLECTION_FAILED}.</li>
 * </ul>
 * Before each round the sink is asked whether it already has each task's data
 * ({@link CollectionSink#has}); what it has is not read again.
 *
 * <h2>Threads</h2>
 * <ul>
 *   <li>{@link #tick()} is called by one thread (the driver, about once a second; tests with a
 *       manual clock). It never throws: exceptions from the reader, the sink or the scheduler
 *       itself are logged and counted ({@link #counters()}). All sink calls happen on this
 *       thread, outside the scheduler's lock.</li>
 *   <li>Reads complete on channel threads. A completion only frees the channel slot, queues
 *       the outcome for the next tick and sends the next queued read of that channel (a
 *       non-blocking {@link MeterReader#read} call); it never calls the sink.</li>
 *   <li>{@link #setMeters}, {@link #readNow}, {@link #statistics}, {@link #meterStatus},
 *       {@link #counters()} and {@link #queuedReads()} may be called from any thread. The
 *       internal lock is held only for short in-memory work, never around reader or sink
 *       calls.</li>
 * </ul>
 *
 * <h2>Bounded work and memory</h2>
 * At most {@link CollectorSettings#maxInFlightPerChannel()} scheduled reads are outstanding
 * per channel ({@link MeterRecord#channel()}); the rest wait in per-window bit sets, most
 * urgent window first (priority, then closing time). Per-meter state lives in bit sets and
 * arrays indexed by measurement point, and per-day statistics for
 * {@link CollectorSettings#statisticsDays()} days, so memory does not grow with the number of
 * readings or days.
 */
public final class CollectionScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(CollectionScheduler.class);
    private static final long UNSET = Long.MIN_VALUE;
    private static final int MESSAGE_LIMIT = 200;

    private final MeterReader reader;
    private final CollectionSink sink;
    private final Clock clock;
    private final ZoneId zone;
    private final CollectorSettings settings;
    private final List<Cadence> cadences;
    private final Counters counters = new Counters();

    private final Object lock = new Object();
    // guarded by lock
    private final Archive archive = new Archive();
    private final List<Window> windows = new ArrayList<>();
    private final Lanes lanes;
    private final StatisticsBook book;
    private final MeterHealth health = new MeterHealth();
    private long tickCount;

    // thread-safe hand-offs
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicReference<List<MeterRecord>> pendingMeters = new AtomicReference<>();
    private volatile Map<Integer, MeterRecord> latestMeters = Map.of();
    private final AtomicInteger pumpWork = new AtomicInteger();

    // tick thread only
    private final long[] cursors;
    private long lastNow = UNSET;
    private long windowSequence;

    /**
     * @param reader   reads meters (never blocks)
     * @param sink     receives readings and events; answers what is stored
     * @param clock    the time source; {@link #tick()} does what is due at {@code clock.millis()}
     * @param zone     the zone days, midnights and times of day are taken in
     * @param settings the schedule
     */
    public CollectionScheduler(MeterReader reader, CollectionSink sink, Clock clock, ZoneId zone,
                               CollectorSettings settings) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.lanes = new Lanes(settings.maxInFlightPerChannel());
        this.book = new StatisticsBook(settings.statisticsDays());
        List<Cadence> c = new ArrayList<>();
        c.add(new Cadence.Curve(zone, settings));
        c.add(new Cadence.Daily(zone, settings));
        c.add(new Cadence.Monthly(zone, settings));
        if (settings.backfillDays() > 0) {
            c.add(new Cadence.Backfill(zone, settings));
        }
        this.cadences = List.copyOf(c);
        this.cursors = new long[cadences.size()];
        Arrays.fill(cursors, UNSET);
        int offsetSeconds = zone.getRules().getOffset(clock.instant()).getTotalSeconds();
        if (offsetSeconds % 900 != 0) {
            LOG.warn("zone {} is {} s off UTC, not a whole quarter hour: curve points stay on UTC quarter hours",
                    zone, offsetSeconds);
        }
    }

    // ------------------------------------------------------------------ public API

    /**
     * Replaces the meters to collect. Thread-safe; takes effect at the next {@link #tick()}:
     * new meters join the next round of every open window (and every later window), removed
     * meters are dropped from queues and statistics of open windows (reads in flight finish,
     * their readings are still stored). A meter whose address or protocol changed on the same
     * point counts as removed and added.
     *
     * @throws IllegalArgumentException if two records have the same point
     */
    public void setMeters(List<MeterRecord> meters) {
        List<MeterRecord> copy = List.copyOf(meters);
        Archive.index(copy);
        latestMeters = copy.stream().collect(Collectors.toUnmodifiableMap(MeterRecord::point, Function.identity()));
        pendingMeters.set(copy);
    }

    /**
     * Reads {@code quantities} from the meter at {@code point} now, at {@link Priority#ON_DEMAND}.
     * Thread-safe. Not held back by the per-channel limit: the channel sends it before every
     * queued scheduled read. The readings are returned, not stored; the caller decides.
     *
     * @return the reader's future; fails with {@link IllegalArgumentException} if the point is
     *         not in the archive
     * @throws IllegalArgumentException if {@code quantities} is empty
     */
    public CompletableFuture<List<Reading>> readNow(int point, Set<Quantity> quantities) {
        ReadTask task = new ReadTask.Realtime(quantities);
        MeterRecord meter = latestMeters.get(point);
        if (meter == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("point " + point + " is not in the archive"));
        }
        counters.onDemand.increment();
        CompletableFuture<List<Reading>> f = callReader(meter, task, Priority.ON_DEMAND);
        return f.whenComplete((r, e) -> outcomes.add(new Outcome(null, meter, task, r, unwrap(e), false)));
    }

    /**
     * Does everything due at the clock's current time: takes in completed reads (stores their
     * readings), applies archive changes, opens windows, starts retry rounds, closes windows
     * (statistics, events) and sends queued reads up to the per-channel limit. Call from one
     * thread only. Never throws.
     */
    public void tick() {
        try {
            doTick();
        } catch (RuntimeException e) {
            counters.internalErrors.increment();
            LOG.error("collection tick failed; continuing with the next tick", e);
        }
        pump();
    }

    /**
     * What was collected on {@code day} (in the scheduler's zone), or empty if the day is not
     * among the {@link CollectorSettings#statisticsDays()} days kept. Thread-safe.
     */
    public Optional<DayStatistics> statistics(LocalDate day) {
        synchronized (lock) {
            return book.snapshot(day, windows);
        }
    }

    /** How collection from the meter at {@code point} is going, or empty if it is not in the archive. Thread-safe. */
    public Optional<MeterStatus> meterStatus(int point) {
        synchronized (lock) {
            MeterRecord m = archive.get(point);
            return m == null ? Optional.empty() : Optional.of(health.snapshot(point, m.address()));
        }
    }

    /** Counters since the scheduler was created. Thread-safe. */
    public CollectorCounters counters() {
        return counters.snapshot();
    }

    /** Scheduled reads waiting for a channel slot now, all windows. Thread-safe. */
    public int queuedReads() {
        synchronized (lock) {
            int n = 0;
            for (Window w : windows) {
                n += w.queuedCount();
            }
            return n;
        }
    }

    /** Scheduled reads holding a channel slot now. Thread-safe. */
    public int inFlightReads() {
        synchronized (lock) {
            return lanes.inFlight();
        }
    }

    // ------------------------------------------------------------------ the tick

    private void doTick() {
        long now = clock.millis();
        counters.ticks.increment();
        List<MeterEvent> events = new ArrayList<>();
        synchronized (lock) {
            tickCount++;
            applyMeters();
            expireStuck();
        }
        processOutcomes(now);
        handleClockSteps(now);
        synchronized (lock) {
            closeWindows(now, events);
        }
        openWindows(now);
        startRounds(now);
        emit(events);
        lastNow = now;
    }

    /** Applies a pending archive change (lock held). */
    private void applyMeters() {
        List<MeterRecord> next = pendingMeters.getAndSet(null);
        if (next == null) {
            return;
        }
        Archive.Diff diff = archive.apply(next);
        if (diff.isEmpty()) {
            return;
        }
        diff.removed().stream().forEach(p -> {
            for (Window w : windows) {
                w.remove(p);
            }
            health.reset(p);
        });
        diff.added().stream().forEach(p -> {
            for (Window w : windows) {
                if (w.hasRoundsLeft()) {
                    w.targets.set(p);
                }
            }
        });
        for (Archive.Move m : diff.moved()) {
            for (Window w : windows) {
                if (w.unqueue(m.point(), m.from())) {
                    w.queue(m.point(), m.to());
                }
            }
        }
        LOG.info("archive now has {} meters: {} added, {} removed, {} moved to another channel",
                archive.size(), diff.added().cardinality(), diff.removed().cardinality(), diff.moved().size());
    }

    /** Frees the slots of reads that never completed (lock held). */
    private void expireStuck() {
        for (InFlight f : lanes.expire(tickCount, settings.stuckAfterTicks())) {
            counters.stuckReads.increment();
            MeterRecord m = archive.get(f.point);
            LOG.warn("read of {} from point {} did not complete within {} ticks; freeing its slot on {}",
                    f.window, f.point, settings.stuckAfterTicks(), f.channel);
            outcomes.add(new Outcome(f, m, f.task, null,
                    new IllegalStateException("no completion within " + settings.stuckAfterTicks() + " ticks"), true));
        }
    }

    /** Takes in completed reads: stores readings (outside the lock), then updates windows and health. */
    private void processOutcomes(long now) {
        List<Outcome> batch = new ArrayList<>();
        for (Outcome o; (o = outcomes.poll()) != null; ) {
            batch.add(o);
        }
        if (batch.isEmpty()) {
            return;
        }
        List<Reading> readings = new ArrayList<>();
        synchronized (lock) {
            for (Outcome o : batch) {
                if (o.entry() != null && o.succeeded()) {
                    for (Window w : windows) {
                        if (w.task.equals(o.task())) {
                            w.unqueue(o.meter().point());
                        }
                    }
                    addReadings(o, readings);
                }
            }
        }
        String storeFailure = null;
        if (!readings.isEmpty()) {
            try {
                sink.accept(Collections.unmodifiableList(readings));
            } catch (RuntimeException e) {
                counters.sinkErrors.increment();
                storeFailure = describe(e);
                LOG.warn("the store refused {} readings ({}); their reads count as failed and are retried", readings.size(),
                        storeFailure);
            }
        }
        synchronized (lock) {
            for (Outcome o : batch) {
                apply(o, storeFailure, now);
            }
        }
    }

    private void addReadings(Outcome o, List<Reading> into) {
        List<Reading> rs = o.readings();
        if (rs == null) {
            return;
        }
        int point = o.meter().point();
        for (Reading r : rs) {
            if (r == null) {
                continue;
            }
            if (r.point() != point) {
                counters.foreignReadings.increment();
                LOG.warn("reader returned a reading of point {} for a read of point {}; dropped", r.point(), point);
                continue;
            }
            into.add(r);
        }
    }

    /** Applies one outcome to windows, health and counters (lock held). */
    private void apply(Outcome o, String storeFailure, long now) {
        MeterRecord meter = o.meter();
        int point = meter == null ? (o.entry() == null ? -1 : o.entry().point) : meter.point();
        boolean current = meter != null && archive.holds(meter);
        InFlight entry = o.entry();
        if (entry == null) {
            applyOnDemand(o, current, now);
            return;
        }
        boolean stale = entry.expired && !o.stuck();
        lanes.remove(entry);
        Window w = entry.window;
        if (o.succeeded()) {
            if (stale) {
                counters.lateReplies.increment();
            }
            if (storeFailure != null) {
                counters.failed.increment();
                if (current) {
                    health.failure(point, new MeterStatus.Failure(w.kind, "STORE", storeFailure, now));
                }
                return;
            }
            counters.succeeded.increment();
            if (current) {
                health.success(point, w.kind, now);
            }
            boolean counted = false;
            for (Window x : windows) {
                if (x.open && x.task.equals(o.task()) && x.targets.get(point)) {
                    x.collected.set(point);
                    counted = true;
                }
            }
            if (!counted && !stale) {
                counters.lateReplies.increment();
            }
            return;
        }
        if (stale) {
            return;
        }
        Throwable e = o.failure();
        if (e instanceof UnsupportedTaskException) {
            counters.unsupported.increment();
            if (w.open && w.targets.get(point)) {
                w.unsupported.set(point);
            }
            LOG.debug("point {}: {} not supported ({})", point, w, e.getMessage());
            return;
        }
        counters.failed.increment();
        if (e instanceof ExchangeException x && x.reason() == FailureReason.REFUSED && w.open && w.targets.get(point)) {
            w.refused.set(point);
        }
        if (!(e instanceof ExchangeException) && !o.stuck()) {
            counters.readerErrors.increment();
            LOG.warn("read of {} from point {} failed with an unexpected {}", w, point, describe(e));
        }
        if (current) {
            health.failure(point, new MeterStatus.Failure(w.kind, o.stuck() ? "STUCK" : cause(e), message(e), now));
        }
    }

    private void applyOnDemand(Outcome o, boolean current, long now) {
        if (!current) {
            return;
        }
        int point = o.meter().point();
        if (o.succeeded()) {
            health.success(point, TaskKind.REALTIME, now);
        } else if (!(o.failure() instanceof UnsupportedTaskException)) {
            health.failure(point, new MeterStatus.Failure(TaskKind.REALTIME, cause(o.failure()), message(o.failure()), now));
        }
    }

    /** Detects clock steps; after a backward step, drops windows that open in the new future. */
    private void handleClockSteps(long now) {
        if (lastNow == UNSET) {
            return;
        }
        if (now < lastNow) {
            counters.clockJumpsBackward.increment();
            LOG.warn("clock stepped back by {} ms (from {} to {}); windows not yet due are dropped, stored data is not read again",
                    lastNow - now, Instant.ofEpochMilli(lastNow), Instant.ofEpochMilli(now));
            synchronized (lock) {
                for (Iterator<Window> it = windows.iterator(); it.hasNext(); ) {
                    Window w = it.next();
                    if (w.openAt > now) {
                        w.open = false;
                        w.clearQueues();
                        it.remove();
                    }
                }
                for (int i = 0; i < cadences.size(); i++) {
                    Cadence c = cadences.get(i);
                    if (cursors[i] == UNSET) {
                        continue;
                    }
                    long latest = c.latest(now);
                    if (latest < cursors[i]) {
                        // reopen the current period (the sink filters what is stored) unless it is open or over
                        cursors[i] = hasWindow(c, latest) || now >= c.endAt(latest) ? latest : latest - 1;
                    }
                }
            }
        } else if (now - lastNow > ReadTask.QUARTER_MILLIS) {
            counters.clockJumpsForward.increment();
            LOG.warn("clock moved forward by {} s between ticks (from {} to {}); only current work is started",
                    (now - lastNow) / 1000, Instant.ofEpochMilli(lastNow), Instant.ofEpochMilli(now));
        }
    }

    private boolean hasWindow(Cadence c, long period) {
        for (Window w : windows) {
            if (w.cadence == c && w.period == period) {
                return true;
            }
        }
        return false;
    }

    /** Opens the windows that became due; counts skipped curve quarters as missed. */
    private void openWindows(long now) {
        synchronized (lock) {
            for (int i = 0; i < cadences.size(); i++) {
                Cadence c = cadences.get(i);
                long latest = c.latest(now);
                boolean startUp = cursors[i] == UNSET;
                long cursor = startUp ? latest - 1 : cursors[i];
                if (latest <= cursor) {
                    continue;
                }
                if (latest - cursor > 1) {
                    skipped(c, cursor + 1, latest - 1);
                }
                if (now < c.endAt(latest)) {
                    open(c, latest);
                } else if (!startUp) {
                    skipped(c, latest, latest);
                }
                cursors[i] = latest;
            }
        }
    }

    private void skipped(Cadence c, long from, long to) {
        long count = to - from + 1;
        if (c.kind == TaskKind.CURVE) {
            counters.missedQuarters.add(count);
            BitSet all = archive.points();
            long start = Math.max(from, to - (settings.statisticsDays() + 1L) * 100);
            LocalDate last = null;
            for (long q = start; q <= to && !all.isEmpty(); q++) {
                LocalDate day = c.statisticsDay(q);
                if (!day.equals(last)) {
                    StatisticsBook.Tally t = book.tally(day, TaskKind.CURVE);
                    t.expected.or(all);
                    t.failed.or(all);
                    last = day;
                }
            }
            LOG.warn("{} curve quarter(s) skipped, {} .. {}: counted as missed", count, c.describe(from), c.describe(to));
        } else if (c.kind == TaskKind.DAILY_FREEZE) {
            LOG.warn("{} .. {} skipped (concentrator off or clock step); left to back-fill", c.describe(from), c.describe(to));
        } else if (c.kind == TaskKind.MONTHLY_FREEZE) {
            LOG.warn("{} .. {} skipped (concentrator off or clock step on the settlement day)", c.describe(from), c.describe(to));
        }
    }

    /** Creates the window(s) of {@code period} (lock held). */
    private void open(Cadence c, long period) {
        BitSet meters = archive.points();
        switch (c.kind) {
            case CURVE -> add(new Window(c, period, ++windowSequence, TaskKind.CURVE,
                    new ReadTask.CurvePoint(period * ReadTask.QUARTER_MILLIS), Priority.SCHEDULED,
                    settings.curveRetryInterval().toMillis(), settings.curveMaxRounds(), true), meters);
            case DAILY_FREEZE -> add(new Window(c, period, ++windowSequence, TaskKind.DAILY_FREEZE,
                    new ReadTask.DailyFreeze(LocalDate.ofEpochDay(period)), Priority.SCHEDULED,
                    settings.retryInterval().toMillis(), settings.maxRounds(), true), meters);
            case MONTHLY_FREEZE -> add(new Window(c, period, ++windowSequence, TaskKind.MONTHLY_FREEZE,
                    new ReadTask.MonthlyFreeze(Cadence.Monthly.month(period)), Priority.SCHEDULED,
                    settings.retryInterval().toMillis(), settings.maxRounds(), true), meters);
            case BACKFILL -> {
                LocalDate run = LocalDate.ofEpochDay(period);
                for (int k = settings.backfillDays(); k >= 1; k--) {
                    add(new Window(c, period, ++windowSequence, TaskKind.BACKFILL,
                            new ReadTask.DailyFreeze(run.minusDays(1L + k)), Priority.BULK,
                            settings.retryInterval().toMillis(), settings.maxRounds(), false), meters);
                }
            }
            default -> throw new IllegalStateException("no windows for " + c.kind);
        }
    }

    private void add(Window w, BitSet meters) {
        w.targets.or(meters);
        book.tally(w.statisticsDay, w.kind);
        int at = Collections.binarySearch(windows, w, Window.URGENCY);
        windows.add(at < 0 ? -at - 1 : at, w);
        if (w.kind == TaskKind.CURVE) {
            LOG.debug("{} opened for {} meters", w, meters.cardinality());
        } else {
            LOG.info("{} opened for {} meters, until {}", w, meters.cardinality(), Instant.ofEpochMilli(w.endAt).atZone(zone));
        }
    }

    /** A round to start: the window and the meters to check against the sink. */
    private record Round(Window window, int[] points) {
    }

    /** Starts due retry rounds: asks the sink what it has (outside the lock), queues the rest. */
    private void startRounds(long now) {
        List<Round> rounds = new ArrayList<>();
        synchronized (lock) {
            for (Window w : windows) {
                if (!w.open || now < w.nextRoundAt || now >= w.endAt || w.roundsStarted >= w.maxRounds) {
                    continue;
                }
                w.startRound(now);
                BitSet todo = w.retryable();
                todo.andNot(w.queuedPoints());
                todo.andNot(lanes.points(w.task));
                rounds.add(new Round(w, todo.stream().toArray()));
            }
        }
        if (rounds.isEmpty()) {
            return;
        }
        int sinkFailures = 0;
        String lastSinkFailure = null;
        List<BitSet> stored = new ArrayList<>(rounds.size());
        for (Round r : rounds) {
            BitSet had = new BitSet(MeterRecord.MAX_POINT + 1);
            for (int p : r.points()) {
                Optional<Reading.Key> key = r.window().task.key(p, zone);
                try {
                    if (key.isPresent() && sink.has(key.get())) {
                        had.set(p);
                    }
                } catch (RuntimeException e) {
                    sinkFailures++;
                    lastSinkFailure = describe(e);
                }
            }
            stored.add(had);
        }
        if (sinkFailures > 0) {
            counters.sinkErrors.add(sinkFailures);
            LOG.warn("the store failed {} look-ups ({}); those meters are read again", sinkFailures, lastSinkFailure);
        }
        synchronized (lock) {
            for (int i = 0; i < rounds.size(); i++) {
                Window w = rounds.get(i).window();
                if (!w.open) {
                    continue;
                }
                BitSet had = stored.get(i);
                int queued = 0;
                for (int p : rounds.get(i).points()) {
                    if (!w.targets.get(p) || w.collected.get(p) || w.unsupported.get(p)) {
                        continue;
                    }
                    if (had.get(p)) {
                        (w.storedCountsAsCollected ? w.collected : w.excluded).set(p);
                        continue;
                    }
                    MeterRecord m = archive.get(p);
                    if (m != null) {
                        w.queue(p, m.channel());
                        queued++;
                    }
                }
                if (w.kind != TaskKind.CURVE || w.roundsStarted > 1) {
                    LOG.debug("{}: round {} queues {} reads ({} already stored)", w, w.roundsStarted, queued,
                            had.cardinality());
                }
            }
        }
    }

    /** Closes windows that ended or have nothing left to do; records statistics and events (lock held). */
    private void closeWindows(long now, List<MeterEvent> events) {
        for (Iterator<Window> it = windows.iterator(); it.hasNext(); ) {
            Window w = it.next();
            boolean ended = now >= w.endAt;
            boolean done = w.roundsStarted > 0 && w.retryable().isEmpty();
            boolean exhausted = !w.hasRoundsLeft() && w.queuedCount() == 0 && !lanes.busy(w);
            if (!(ended || done || exhausted)) {
                continue;
            }
            it.remove();
            w.open = false;
            w.clearQueues();
            BitSet failed = w.unresolved();
            book.close(w, failed);
            int expected = w.expected().cardinality();
            if (w.kind == TaskKind.CURVE) {
                LOG.debug("{} closed: {}/{} collected", w, expected - failed.cardinality(), expected);
                continue;
            }
            LOG.info("{} closed after {} round(s): {}/{} collected, {} failed", w, w.roundsStarted,
                    expected - failed.cardinality(), expected, failed.cardinality());
            for (int p = failed.nextSetBit(0); p >= 0; p = failed.nextSetBit(p + 1)) {
                MeterRecord m = archive.get(p);
                if (m != null) {
                    events.add(failureEvent(w, m, now));
                }
            }
        }
    }

    private MeterEvent failureEvent(Window w, MeterRecord m, long now) {
        String what = switch (w.kind) {
            case MONTHLY_FREEZE -> "monthly freeze of " + ((ReadTask.MonthlyFreeze) w.task).month();
            default -> "daily freeze of " + ((ReadTask.DailyFreeze) w.task).day();
        };
        String why;
        if (!w.attempted.get(m.point())) {
            why = "never read: the channel " + m.channel() + " was busy until the window closed";
        } else {
            MeterStatus.Failure f = health.lastFailure(m.point());
            why = "last failure " + (f == null ? "unknown" : f.toString());
        }
        EventType type = w.kind == TaskKind.BACKFILL ? EventType.BACKFILL_FAILED : EventType.COLLECTION_FAILED;
        String verb = w.kind == TaskKind.BACKFILL ? "not back-filled" : "not collected";
        return new MeterEvent(m.point(), m.address(), type, now,
                what + " " + verb + " after " + w.roundsStarted + " round(s); " + why);
    }

    private void emit(List<MeterEvent> events) {
        for (MeterEvent e : events) {
            try {
                sink.event(e);
            } catch (RuntimeException ex) {
                counters.sinkErrors.increment();
                LOG.warn("the store refused an event {} for point {} ({})", e.type(), e.point(), describe(ex));
            }
        }
    }

    // ------------------------------------------------------------------ sending

    /** A read picked under the lock, sent outside it. */
    private record Dispatch(InFlight entry, MeterRecord meter) {
    }

    /**
     * Sends queued reads while channels have free slots. Any thread; one at a time (a second
     * caller only asks the running one to look again), so a reader that completes at once
     * does not recurse.
     */
    private void pump() {
        if (pumpWork.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        while (true) {
            try {
                List<Dispatch> batch;
                while (!(batch = pick()).isEmpty()) {
                    for (Dispatch d : batch) {
                        send(d);
                    }
                }
            } catch (RuntimeException e) {
                counters.internalErrors.increment();
                LOG.error("sending queued reads failed; retried at the next tick", e);
            }
            missed = pumpWork.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private List<Dispatch> pick() {
        List<Dispatch> batch = new ArrayList<>();
        synchronized (lock) {
            for (Window w : windows) {
                if (!w.open || w.queuedCount() == 0) {
                    continue;
                }
                for (Iterator<Map.Entry<String, BitSet>> it = w.queues(); it.hasNext(); ) {
                    String channel = it.next().getKey();
                    while (lanes.free(channel) > 0) {
                        int p = w.poll(channel);
                        if (p < 0) {
                            break;
                        }
                        MeterRecord m = archive.get(p);
                        if (m == null || !m.channel().equals(channel)) {
                            continue;
                        }
                        w.attempted.set(p);
                        batch.add(new Dispatch(lanes.acquire(channel, w, p, tickCount), m));
                    }
                }
            }
        }
        return batch;
    }

    private void send(Dispatch d) {
        counters.submitted.increment();
        InFlight f = d.entry();
        CompletableFuture<List<Reading>> future = callReader(d.meter(), f.task, f.window.priority);
        future.whenComplete((readings, error) -> completed(d, readings, error));
    }

    private CompletableFuture<List<Reading>> callReader(MeterRecord meter, ReadTask task, Priority priority) {
        try {
            CompletableFuture<List<Reading>> f = reader.read(meter, task, priority, settings.channelAttempts());
            if (f != null) {
                return f;
            }
            counters.readerErrors.increment();
            LOG.warn("reader returned no future for {} of point {}", task.kind(), meter.point());
            return CompletableFuture.failedFuture(new IllegalStateException("reader returned no future"));
        } catch (RuntimeException e) {
            counters.readerErrors.increment();
            LOG.warn("reader threw for {} of point {}: {}", task.kind(), meter.point(), describe(e));
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A read completed (any thread): free its slot, hand the outcome to the tick, send the next read. */
    private void completed(Dispatch d, List<Reading> readings, Throwable error) {
        try {
            synchronized (lock) {
                lanes.release(d.entry());
            }
            Throwable e = unwrap(error);
            if (e == null && readings == null) {
                e = new IllegalStateException("reader completed with no list of readings");
            }
            outcomes.add(new Outcome(d.entry(), d.meter(), d.entry().task, e == null ? readings : null, e, false));
        } catch (RuntimeException ex) {
            counters.internalErrors.increment();
            LOG.error("recording a completed read failed", ex);
        }
        pump();
    }

    // ------------------------------------------------------------------ helpers

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String cause(Throwable e) {
        if (e instanceof ExchangeException x) {
            return x.reason().name();
        }
        if (e instanceof CancellationException) {
            return "CANCELLED";
        }
        return e.getClass().getSimpleName();
    }

    private static String message(Throwable e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        return m.length() <= MESSAGE_LIMIT ? m : m.substring(0, MESSAGE_LIMIT);
    }

    private static String describe(Throwable e) {
        return cause(e) + ": " + message(e);
    }
}
