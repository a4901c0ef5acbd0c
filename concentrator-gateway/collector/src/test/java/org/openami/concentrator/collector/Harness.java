package org.openami.concentrator.collector;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.openami.concentrator.archive.MeterRecord;

/** A scheduler wired to a manual clock, simulated meters and an in-memory store. */
final class Harness {

    final ZoneId zone;
    final ManualClock clock;
    final SimulatedMeters meters;
    final MemorySink sink;
    final CollectorSettings settings;
    CollectionScheduler scheduler;
    private List<MeterRecord> archive = List.of();

    Harness(ZoneId zone, LocalDateTime start, CollectorSettings settings) {
        this.zone = zone;
        this.clock = new ManualClock(start.atZone(zone).toInstant());
        this.meters = new SimulatedMeters(clock, zone);
        this.sink = new MemorySink();
        this.settings = settings;
        this.scheduler = new CollectionScheduler(meters, sink, clock, zone, settings);
    }

    Harness(String zone, String start) {
        this(ZoneId.of(zone), LocalDateTime.parse(start), CollectorSettings.defaults());
    }

    Harness archive(List<MeterRecord> records) {
        archive = records;
        scheduler.setMeters(records);
        return this;
    }

    /** A new scheduler on the same store and meters, as after a restart of the concentrator. */
    void restart() {
        scheduler = new CollectionScheduler(meters, sink, clock, zone, settings);
        scheduler.setMeters(archive);
    }

    Instant at(LocalDateTime local) {
        return local.atZone(zone).toInstant();
    }

    Instant at(String local) {
        return at(LocalDateTime.parse(local));
    }

    long millis(String local) {
        return at(local).toEpochMilli();
    }

    long millis(LocalDate day, LocalTime time) {
        return at(day.atTime(time)).toEpochMilli();
    }

    LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), zone);
    }

    void tick() {
        scheduler.tick();
    }

    /** Ticks now, then every {@code step} up to and including {@code until} (local time). */
    void runUntil(String until, Duration step) {
        Instant end = at(until);
        scheduler.tick();
        while (clock.instant().plus(step).compareTo(end) <= 0) {
            clock.advance(step);
            scheduler.tick();
        }
    }

    /** Jumps the clock to {@code local} and ticks once. */
    void jumpTo(String local) {
        clock.set(at(local));
        scheduler.tick();
    }
}
