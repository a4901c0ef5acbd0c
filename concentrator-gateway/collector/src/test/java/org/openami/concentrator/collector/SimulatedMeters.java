package org.openami.concentrator.collector;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.openami.concentrator.archive.MeterRecord;
import org.openami.concentrator.channel.ExchangeException;
import org.openami.concentrator.channel.FailureReason;
import org.openami.concentrator.channel.Priority;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;

/**
 * An in-memory {@link MeterReader}: simulated meters that answer each task as a test tells
 * them (answer, fail, say "not supported", or hold the read until the test completes it).
 *
 * <p>This is a test double. It stands in for the DL/T 645-2007 and Modbus RTU masters, which
 * have their own tests against simulated meters over real pseudo-terminals; the end-to-end
 * test of the concentrator runs the scheduler with those masters together. Here the subject is
 * the schedule, so the double records every call (meter, task, priority, attempts, clock time)
 * and tracks how many scheduled (not on-demand) reads are outstanding per channel.
 */
final class SimulatedMeters implements MeterReader {

    /** What a simulated meter does with one read. */
    enum Answer { DATA, TIMEOUT, REFUSED, UNSUPPORTED, HOLD }

    /** One call of {@link #read}. */
    record Call(int point, String channel, ReadTask task, Priority priority, int attempts, long time) {
    }

    /** A read held for the test to complete. */
    record Held(MeterRecord meter, ReadTask task, CompletableFuture<List<Reading>> future) {
    }

    private final Clock clock;
    private final ZoneId zone;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    /** Scheduled reads per channel whose future was not completed yet (done ones are pruned lazily). */
    private final Map<String, List<CompletableFuture<?>>> outstanding = new HashMap<>();
    private final Map<String, Integer> maxOutstanding = new HashMap<>();
    private final List<Held> held = new ArrayList<>();
    private volatile BiFunction<MeterRecord, ReadTask, Answer> behaviour = (m, t) -> Answer.DATA;
    /** If set, every read is checked against this store: reading what it has is a violation. */
    volatile CollectionSink audit;
    final List<String> violations = new CopyOnWriteArrayList<>();

    SimulatedMeters(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    /** Sets how the meters answer from now on. */
    void behave(BiFunction<MeterRecord, ReadTask, Answer> b) {
        behaviour = b;
    }

    @Override
    public CompletableFuture<List<Reading>> read(MeterRecord meter, ReadTask task, Priority priority, int attempts) {
        calls.add(new Call(meter.point(), meter.channel(), task, priority, attempts, clock.millis()));
        CollectionSink audited = audit;
        if (audited != null && task.key(meter.point(), zone).map(audited::has).orElse(false)) {
            violations.add("read of " + task + " from point " + meter.point() + " although the store has it");
        }
        Answer a = behaviour.apply(meter, task);
        CompletableFuture<List<Reading>> f = new CompletableFuture<>();
        if (priority != Priority.ON_DEMAND) {
            synchronized (this) {
                List<CompletableFuture<?>> live = outstanding.computeIfAbsent(meter.channel(), c -> new ArrayList<>());
                live.removeIf(CompletableFuture::isDone);
                live.add(f);
                maxOutstanding.merge(meter.channel(), live.size(), Math::max);
            }
        }
        switch (a) {
            case DATA -> f.complete(readings(meter, task));
            case TIMEOUT -> f.completeExceptionally(new ExchangeException(FailureReason.TIMEOUT, "no reply within 500 ms"));
            case REFUSED -> f.completeExceptionally(new ExchangeException(FailureReason.REFUSED, "abnormal reply: no requested data"));
            case UNSUPPORTED -> f.completeExceptionally(new UnsupportedTaskException(meter.protocol().label() + " meters keep no " + task.kind()));
            case HOLD -> {
                synchronized (this) {
                    held.add(new Held(meter, task, f));
                }
            }
        }
        return f;
    }

    /** The readings a meter returns for {@code task}: the key quantity plus the T1 register. */
    List<Reading> readings(MeterRecord meter, ReadTask task) {
        long now = clock.millis();
        if (task instanceof ReadTask.Realtime rt) {
            List<Reading> out = new ArrayList<>();
            for (Quantity q : rt.quantities()) {
                out.add(new Reading(meter.point(), meter.address(), task.kind(), q, now, 1000, now));
            }
            return out;
        }
        long dataTime = task.dataTime(zone);
        long value = meter.point() * 1_000_000L + Math.floorMod(dataTime / 60_000, 1_000_000);
        return List.of(
                new Reading(meter.point(), meter.address(), task.kind(), Quantity.ENERGY_FORWARD_ACTIVE_TOTAL, dataTime, value, now),
                new Reading(meter.point(), meter.address(), task.kind(), Quantity.ENERGY_FORWARD_ACTIVE_T1, dataTime, value / 2, now));
    }

    /** Reads held now, oldest first; removes them from the double's list. */
    synchronized List<Held> takeHeld() {
        List<Held> out = new ArrayList<>(held);
        held.clear();
        return out;
    }

    synchronized int heldCount() {
        return held.size();
    }

    synchronized int outstanding(String channel) {
        List<CompletableFuture<?>> live = outstanding.getOrDefault(channel, List.of());
        return (int) live.stream().filter(f -> !f.isDone()).count();
    }

    synchronized int maxOutstanding(String channel) {
        return maxOutstanding.getOrDefault(channel, 0);
    }

    List<Call> calls(Class<? extends ReadTask> type) {
        List<Call> out = new ArrayList<>();
        for (Call c : calls) {
            if (type.isInstance(c.task())) {
                out.add(c);
            }
        }
        return out;
    }
}
