package org.openami.meter.engine;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.openami.hal.metering.EnergyAccumulator;
import org.openami.hal.metering.EnergyDelta;
import org.openami.hal.metering.FrontEndReading;
import org.openami.meter.demand.DemandMeter;
import org.openami.meter.demand.MaxDemand;
import org.openami.meter.engine.MeterJournal.FreezeKind;
import org.openami.meter.event.EventType;
import org.openami.meter.event.MeterEvent;
import org.openami.meter.freeze.FreezeRecord;
import org.openami.meter.freeze.LoadProfilePoint;
import org.openami.meter.register.EnergyKind;
import org.openami.meter.register.EnergyRegisters;
import org.openami.meter.register.Tariff;
import org.openami.meter.relay.RelayCommandState;
import org.openami.meter.tariff.TouSchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meter's application state and its rules: energy registers by tariff, demand,
 * freezes at midnight and at settlement, the 15-minute load profile, events, the clock
 * offset and the relay commands, all persisted through a {@link MeterJournal}.
 *
 * <p>The metrology loop calls {@link #tick} once a second with the energy the front end
 * measured; the protocol side reads views and issues commands. Every public method is
 * {@code synchronized}: ticks and commands are short and never wait for I/O other than
 * the journal's writes.
 *
 * <p><b>Crash safety.</b> Each tick ends with one snapshot write that holds the registers
 * together with the chip accumulator state they include, so a crash loses at most the
 * last tick. Freezes, profile points and power-down events are appended <em>before</em>
 * that snapshot and are idempotent by their time stamps, so a crash between the two
 * writes cannot duplicate them when the boundary is processed again after restart.
 */
public final class MeterEngine {

    private static final Logger LOG = LoggerFactory.getLogger(MeterEngine.class);
    /** A gap between ticks longer than this is a power failure. */
    static final Duration POWER_DOWN_GAP = Duration.ofSeconds(5);
    private static final Duration QUARTER = Duration.ofMinutes(15);

    private final MeterJournal journal;
    private final Calendar calendar;
    private final MeterClock clock;
    private final AtomicLong storageErrors = new AtomicLong();
    private MeterParameters params;
    private final LiveState live;
    private FrontEndReading lastReading;
    private Tariff currentTariff;

    private MeterEngine(MeterJournal journal, MeterParameters params, LiveState live, ZoneId zone, MeterClock clock) {
        this.journal = journal;
        this.params = params;
        this.live = live;
        this.calendar = new Calendar(zone);
        this.clock = clock;
        clock.setOffsetMillis(live.clockOffsetMillis);
        this.currentTariff = params.tou().tariffAt(calendar.local(clock.now()));
    }

    /**
     * Loads the stored state (or starts from {@code defaults} on a new meter) and records a
     * power-down event if the meter was off. Missed daily and monthly freezes are made up
     * with the registers as they stood at power-down (no energy is measured while off).
     *
     * @throws IOException if stored state cannot be read or the first snapshot cannot be written
     */
    public static MeterEngine start(MeterJournal journal, MeterParameters defaults, ZoneId zone, MeterClock clock) throws IOException {
        MeterParameters p = journal.loadParameters().orElse(null);
        if (p == null) {
            p = defaults;
            journal.saveParameters(p);
        }
        Optional<byte[]> stored = journal.loadLive();
        LiveState live;
        try {
            live = stored.isPresent() ? LiveState.decode(stored.get()) : null;
        } catch (RuntimeException e) {
            throw new IOException("stored meter state is unreadable: " + e.getMessage(), e);
        }
        boolean fresh = live == null;
        if (fresh) {
            live = new LiveState(clock.now());
        }
        MeterEngine engine = new MeterEngine(journal, p, live, zone, clock);
        engine.powerUp(fresh);
        return engine;
    }

    /** What a journal holds, read without starting a meter (status display, crash tests). */
    public record StoredState(Instant lastTick, EnergyRegisters registers, RelayCommandState relay, long clockOffsetMillis) {
    }

    /**
     * Reads the stored live state of a meter that is not running.
     *
     * @throws IOException if the state is unreadable
     */
    public static Optional<StoredState> inspect(MeterJournal journal) throws IOException {
        Optional<byte[]> stored = journal.loadLive();
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try {
            LiveState l = LiveState.decode(stored.get());
            return Optional.of(new StoredState(l.lastTick, l.registers, l.relay, l.clockOffsetMillis));
        } catch (RuntimeException e) {
            throw new IOException("stored meter state is unreadable: " + e.getMessage(), e);
        }
    }

    private synchronized void powerUp(boolean fresh) throws IOException {
        Instant now = clock.now();
        if (!fresh && Duration.between(live.lastTick, now).compareTo(POWER_DOWN_GAP) > 0) {
            Instant down = live.lastTick;
            boolean recorded = journal.events(EventType.POWER_DOWN).stream().findFirst()
                    .map(e -> e.start().getEpochSecond() == down.getEpochSecond()).orElse(false);
            if (!recorded) {
                journal.appendEvent(new MeterEvent(EventType.POWER_DOWN, down, now, 0, live.registers.total(
                        EnergyKind.FORWARD_ACTIVE), 0));
            }
            freezeBoundaries(down, now, false);
            live.demand.restartWindow();
            LOG.info("power up after {} off; registers restored from {}", Duration.between(down, now), down);
        }
        live.lastTick = now;
        journal.saveLive(live.encode());
    }

    /** The accumulator state to restore into the front end before it is initialised. */
    public synchronized Optional<EnergyAccumulator.State> accumulatorState() {
        return live.accumulator.length == 0 ? Optional.empty() : Optional.of(EnergyAccumulator.State.fromBytes(live.accumulator));
    }

    /**
     * One metrology step: handles boundaries passed since the previous tick (demand minutes,
     * quarter-hour profile points, midnight freezes, settlements, TOU switch-over), adds the
     * energy to the tariff in force, and persists.
     *
     * @param delta       energy measured since the previous tick
     * @param reading     instantaneous values, for the profile and the DL/T 645 views
     * @param accumulator the front end's accumulator state that {@code delta} brought it to
     */
    public synchronized void tick(EnergyDelta delta, FrontEndReading reading, EnergyAccumulator.State accumulator) {
        Instant now = clock.now();
        Instant prev = live.lastTick;
        lastReading = reading;
        try {
            if (now.isAfter(prev)) {
                // a demand window ending at the settlement belongs to the month it closes
                for (Instant m : calendar.every(DemandMeter.SLIP, prev, now, DemandMeter.WINDOW_MINUTES)) {
                    live.demand.minuteEnded(m);
                }
                freezeBoundaries(prev, now, true);
                applySwitchOver(now);
            }
            currentTariff = params.tou().tariffAt(calendar.local(now));
            live.registers.add(delta, currentTariff);
            live.demand.add(delta.importActiveMwh(), delta.exportActiveMwh());
            live.accumulator = accumulator.toBytes();
            live.lastTick = now.isAfter(prev) ? now : prev;
            journal.saveLive(live.encode());
        } catch (IOException e) {
            if (storageErrors.incrementAndGet() % 60 == 1) {
                LOG.error("cannot persist meter state ({} failures so far): {}", storageErrors.get(), e.getMessage());
            }
        }
    }

    private void freezeBoundaries(Instant from, Instant to, boolean running) throws IOException {
        if (running) {
            for (Instant q : calendar.every(QUARTER, from, to, 1)) {
                appendProfile(q);
            }
        }
        for (Instant m : calendar.midnights(from, to)) {
            appendFreeze(FreezeKind.DAILY, m);
        }
        for (Instant s : calendar.settlements(from, to, params.settlementDay(), params.settlementHour())) {
            appendFreeze(FreezeKind.MONTHLY, s);
            live.demand.resetMaxima();
        }
    }

    private void appendFreeze(FreezeKind kind, Instant at) throws IOException {
        boolean done = journal.freezes(kind).stream().findFirst().map(r -> !r.at().isBefore(at)).orElse(false);
        if (!done) {
            journal.appendFreeze(kind, FreezeRecord.of(at, live.registers, live.demand));
        }
    }

    private void appendProfile(Instant at) throws IOException {
        List<LoadProfilePoint> all = journal.profile();
        if (!all.isEmpty() && !all.get(all.size() - 1).at().isBefore(at)) {
            return;
        }
        int v = 0;
        int i = 0;
        long p = 0;
        if (lastReading != null) {
            v = lastReading.phases().get(0).voltageMv();
            i = lastReading.phases().get(0).currentMa();
            p = lastReading.totalActivePowerMw();
        }
        journal.appendProfile(new LoadProfilePoint(at, v, i, p,
                live.registers.total(EnergyKind.FORWARD_ACTIVE),
                live.registers.total(EnergyKind.REVERSE_ACTIVE)));
    }

    private void applySwitchOver(Instant now) throws IOException {
        TouSchedule switched = params.tou().at(calendar.local(now));
        if (switched != params.tou()) {
            params = params.withTou(switched);
            journal.saveParameters(params);
            LOG.info("time-of-use set {} now in force", switched.secondActive() ? 2 : 1);
        }
    }

    // ---- views -------------------------------------------------------------------------

    public Instant now() {
        return clock.now();
    }

    public ZoneId zone() {
        return calendar.zone();
    }

    public LocalDateTime localNow() {
        return calendar.local(clock.now());
    }

    public synchronized EnergyRegisters registers() {
        return live.registers.copy();
    }

    public synchronized Optional<FrontEndReading> lastReading() {
        return Optional.ofNullable(lastReading);
    }

    public synchronized MeterParameters parameters() {
        return params;
    }

    public synchronized Tariff currentTariff() {
        return currentTariff;
    }

    public synchronized MaxDemand forwardMaxDemand() {
        return live.demand.forwardMax();
    }

    public synchronized MaxDemand reverseMaxDemand() {
        return live.demand.reverseMax();
    }

    /** The latest 15-minute demand of forward active energy, mW (0 until a full window was measured). */
    public synchronized long currentForwardDemand() {
        return live.demand.currentForwardDemand();
    }

    public synchronized RelayCommandState relayState() {
        return live.relay;
    }

    public synchronized Instant lastTick() {
        return live.lastTick;
    }

    /** Newest first. */
    public List<FreezeRecord> freezes(FreezeKind kind) {
        return journal.freezes(kind);
    }

    /** Oldest first. */
    public List<LoadProfilePoint> profile() {
        return journal.profile();
    }

    /** Newest first. */
    public List<MeterEvent> events(EventType type) {
        return journal.events(type);
    }

    public long eventCount(EventType type) {
        return journal.eventCount(type);
    }

    public long storageErrors() {
        return storageErrors.get();
    }

    // ---- commands ----------------------------------------------------------------------

    /** Records an event at the meter's current time. */
    public synchronized void record(EventType type, long operator, long value1, long value2) throws IOException {
        journal.appendEvent(MeterEvent.at(type, clock.now(), operator, value1, value2));
    }

    /** Meter clear (1AH): registers, demand, freezes, profile and events gone; one METER_CLEAR event remains. */
    public synchronized void clearMeter(long operator) throws IOException {
        long before = live.registers.total(EnergyKind.FORWARD_ACTIVE);
        live.registers.clear();
        live.demand = new DemandMeter();
        journal.saveLive(live.encode());
        journal.clearHistory();
        record(EventType.METER_CLEAR, operator, before, 0);
        LOG.warn("meter cleared by operator {}", operator);
    }

    /** Demand reset (19H). */
    public synchronized void resetDemand(long operator) throws IOException {
        long before = live.demand.forwardMax().milliwatts();
        live.demand.resetMaxima();
        journal.saveLive(live.encode());
        record(EventType.DEMAND_RESET, operator, before, 0);
    }

    /** Event clear (1BH) of one type, or every type. */
    public synchronized void clearEvents(Optional<EventType> type, long operator, int di) throws IOException {
        for (EventType t : type.map(List::of).orElse(List.of(EventType.values()))) {
            journal.clearEvents(t);
        }
        record(EventType.EVENT_CLEAR, operator, di & 0xFFFFFFFFL, 0);
    }

    /** Freeze now (16H with 99999999). */
    public synchronized void freezeNow() throws IOException {
        journal.appendFreeze(FreezeKind.INSTANT, FreezeRecord.of(clock.now(), live.registers, live.demand));
    }

    /**
     * Sets the meter's clock (14H, or an accepted broadcast sync). Boundaries jumped over are
     * not frozen; the demand window restarts; a CLOCK_CHANGE event keeps both times.
     */
    public synchronized Duration setClock(Instant newTime, long operator) throws IOException {
        Instant old = clock.now();
        Duration d = clock.setTo(newTime);
        live.clockOffsetMillis = clock.offsetMillis();
        live.lastTick = newTime;
        live.demand.restartWindow();
        journal.saveLive(live.encode());
        journal.appendEvent(MeterEvent.at(EventType.CLOCK_CHANGE, newTime, operator, old.getEpochSecond(), newTime.getEpochSecond()));
        LOG.info("clock set from {} to {} ({})", old, newTime, d);
        return d;
    }

    /** The day (epoch day, meter local) of the last broadcast time sync, or {@link Long#MIN_VALUE}. */
    public synchronized long lastTimeSyncDay() {
        return live.lastTimeSyncEpochDay;
    }

    public synchronized void markTimeSync(long epochDay) throws IOException {
        live.lastTimeSyncEpochDay = epochDay;
        journal.saveLive(live.encode());
    }

    public synchronized void updateParameters(MeterParameters p) throws IOException {
        journal.saveParameters(p);
        params = p;
        currentTariff = params.tou().tariffAt(calendar.local(clock.now()));
    }

    /** The relay command state after an accepted control command, with its counter; persisted before the relay moves. */
    public synchronized void updateRelay(RelayCommandState state, long authCounter) throws IOException {
        live.relay = state;
        live.lastAuthCounter = Math.max(live.lastAuthCounter, authCounter);
        journal.saveLive(live.encode());
    }

    /** Highest authentication counter accepted so far (anti-replay). */
    public synchronized long lastAuthCounter() {
        return live.lastAuthCounter;
    }

    /** Consumes a counter value without changing the relay (commands refused after authentication). */
    public synchronized void consumeAuthCounter(long counter) throws IOException {
        updateRelay(live.relay, counter);
    }

    public synchronized int wrongPasswords() {
        return live.wrongPasswords;
    }

    public synchronized long lockedUntilMillis() {
        return live.lockedUntilMillis;
    }

    public synchronized void setPasswordLock(int wrong, long lockedUntilMillis) throws IOException {
        live.wrongPasswords = wrong;
        live.lockedUntilMillis = lockedUntilMillis;
        journal.saveLive(live.encode());
    }

    /**
     * Cover switch change: an opening is recorded at once (end time left open: this meter
     * does not rewrite records, see docs/meter-firmware.md); the closing only ends the state.
     */
    public synchronized void coverChanged(boolean open) throws IOException {
        Instant now = clock.now();
        if (open && live.coverOpenSinceSeconds == LiveState.NEVER) {
            live.coverOpenSinceSeconds = now.getEpochSecond();
            journal.appendEvent(MeterEvent.at(EventType.COVER_OPEN, now, 0,
                    live.registers.total(EnergyKind.FORWARD_ACTIVE), 0));
            journal.saveLive(live.encode());
        } else if (!open && live.coverOpenSinceSeconds != LiveState.NEVER) {
            live.coverOpenSinceSeconds = LiveState.NEVER;
            journal.saveLive(live.encode());
        }
    }

    /** Whether the terminal cover is open now (as last reported by the switch). */
    public synchronized boolean coverOpen() {
        return live.coverOpenSinceSeconds != LiveState.NEVER;
    }

    /** Combined active energy by the characteristic word, total or tariff {@code index}. */
    public synchronized long combinedActive(EnergyRegisters r, int index) {
        return params.combined(r.get(EnergyKind.FORWARD_ACTIVE, index),
                r.get(EnergyKind.REVERSE_ACTIVE, index));
    }
}
