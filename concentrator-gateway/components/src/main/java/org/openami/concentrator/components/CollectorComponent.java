package org.openami.concentrator.components;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.openami.concentrator.archive.ArchiveException;
import org.openami.concentrator.archive.ArchiveFiles;
import org.openami.concentrator.archive.MeterArchive;
import org.openami.concentrator.archive.MeterRecord;
import org.openami.concentrator.channel.Channel;
import org.openami.concentrator.collector.CollectionScheduler;
import org.openami.concentrator.collector.CollectorCounters;
import org.openami.concentrator.collector.CollectorSettings;
import org.openami.concentrator.collector.DayStatistics;
import org.openami.concentrator.collector.MeterReader;
import org.openami.concentrator.components.read.ProtocolMeterReader;
import org.openami.concentrator.components.read.ReadingObserver;
import org.openami.concentrator.model.Quantity;
import org.openami.concentrator.model.Reading;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector: loads the meter archive, runs the SGCC schedule (15-minute curves, daily
 * freeze from 00:05, 3-day back-fill, monthly freeze) over the configured buses and puts
 * everything read into the store. Ticks once a second on its own thread; logs the day's
 * success rates every {@code stats.log.minutes}.
 */
@Component(name = CollectorComponent.PID, configurationPid = CollectorComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {CollectorComponent.class, ConfigurableComponent.class})
@Designate(ocd = CollectorComponent.Config.class)
public final class CollectorComponent implements ConfigurableComponent {

    public static final String PID = "org.openami.concentrator.collector";

    private static final Logger LOG = LoggerFactory.getLogger(CollectorComponent.class);

    @ObjectClassDefinition(id = PID, name = "Meter collection",
            description = "The meter archive and the collection schedule (SGCC): curves, daily and monthly freezes, back-fill.")
    public @interface Config {
        @AttributeDefinition(name = "Archive file", description = "The meter archive, .csv or .json (see docs/concentrator.md)")
        String archive();

        @AttributeDefinition(name = "Time zone", description = "Zone of days, midnights and quarter hours, e.g. Asia/Shanghai")
        String zone() default "Asia/Shanghai";

        @AttributeDefinition(name = "Curve offset", description = "Delay after each quarter hour before curve points are read (ISO-8601 duration or minutes)")
        String curveOffset() default "PT1M";

        @AttributeDefinition(name = "Daily start", description = "Time of day daily-freeze collection starts (HH:mm)")
        String dailyStart() default "00:05";

        @AttributeDefinition(name = "Daily end", description = "Time of day the daily window closes; meters still missing then raise an event (HH:mm)")
        String dailyEnd() default "23:00";

        @AttributeDefinition(name = "Retry interval", description = "Pause between rounds for meters that failed (ISO-8601 duration or minutes)")
        String retryInterval() default "PT30M";

        @AttributeDefinition(name = "Back-fill days", description = "Past days whose missing daily freezes are read again", min = "0", max = "31")
        int backfillDays() default 3;

        @AttributeDefinition(name = "Settlement day", description = "Day of the month the meters' monthly freeze happens", min = "1", max = "28")
        int settlementDay() default 1;

        @AttributeDefinition(name = "Reads in flight per bus", description = "Scheduled reads queued per bus at most, so control commands never wait long", min = "1", max = "64")
        int maxInFlightPerChannel() default 2;

        @AttributeDefinition(name = "Attempts per request", description = "Attempts of each request on the bus (with backoff)", min = "1", max = "10")
        int channelAttempts() default 2;

        @AttributeDefinition(name = "Statistics log interval (min)", min = "1", max = "1440")
        int stats_log_minutes() default 15;

        @AttributeDefinition(name = "Simulated start", description = "Demos and tests only: run the schedule on simulated time starting at this ISO-8601 instant; empty = real time")
        String clock_start() default "";

        @AttributeDefinition(name = "Simulated speed", description = "Demos and tests only: how many times faster than real time the simulated clock runs (1..3600)", min = "1", max = "3600")
        int clock_speed() default 1;
    }

    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final List<ReadingObserver> observers = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Reference
    private StoreComponent store;

    private CollectionScheduler scheduler;
    private ScheduledExecutorService ticker;
    private MeterArchive archive;
    private ZoneId zone;
    private Clock clock;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addChannel(Channel channel) {
        channels.put(channel.id(), channel);
        LOG.info("bus {} available", channel.id());
    }

    void removeChannel(Channel channel) {
        channels.remove(channel.id(), channel);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addObserver(ReadingObserver observer) {
        observers.add(observer);
    }

    void removeObserver(ReadingObserver observer) {
        observers.remove(observer);
    }

    @Activate
    void activate(Config c, Map<String, Object> properties) throws IOException, ArchiveException {
        zone = ConfigChecks.zone("zone", c.zone());
        CollectorSettings settings = ConfigChecks.check("schedule", () -> CollectorSettings.from(properties));
        Path file = Path.of(ConfigChecks.text("archive", c.archive()));
        archive = ArchiveFiles.load(file, Set.of());
        clock = clock(c, zone);
        ProtocolMeterReader protocols = new ProtocolMeterReader(channels::get, clock, zone);
        MeterReader observed = (meter, task, priority, attempts) -> protocols.read(meter, task, priority, attempts)
                .whenComplete((readings, failure) -> tell(meter, readings));
        scheduler = new CollectionScheduler(observed,
                new StoreSink(store.store()), clock, zone, settings);
        List<MeterRecord> meters = new ArrayList<>();
        archive.forEach(meters::add);
        scheduler.setMeters(meters);
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "collector");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        int every = Math.max(1, c.stats_log_minutes());
        ticker.scheduleAtFixedRate(this::logStatistics, every, every, TimeUnit.MINUTES);
        LOG.info("collector: {} meters from {} on buses {}, zone {}", archive.size(), file.toAbsolutePath(),
                meters.stream().map(MeterRecord::channel).distinct().sorted().toList(), zone);
    }

    private static Clock clock(Config c, ZoneId zone) {
        String start = c.clock_start() == null ? "" : c.clock_start().trim();
        if (start.isEmpty()) {
            return Clock.system(zone);
        }
        java.time.Instant at;
        try {
            at = java.time.Instant.parse(start);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("property 'clock.start': '" + start + "' is not an ISO-8601 instant", e);
        }
        if (c.clock_speed() < 1 || c.clock_speed() > 3600) {
            throw new IllegalArgumentException("property 'clock.speed': " + c.clock_speed() + " is outside 1..3600");
        }
        LOG.warn("collector runs on SIMULATED time from {} at {}x", at, c.clock_speed());
        return new ScaledClock(at, c.clock_speed(), zone);
    }

    private void tick() {
        try {
            scheduler.tick();
        } catch (RuntimeException e) {
            LOG.error("collector tick failed; going on", e);
        }
    }

    private void logStatistics() {
        try {
            statistics(LocalDate.now(zone)).ifPresent(s -> LOG.info("collection today: {}", s));
            LOG.info("collector counters: {}", scheduler.counters());
        } catch (RuntimeException e) {
            LOG.warn("statistics failed: {}", e.toString());
        }
    }

    private void tell(MeterRecord meter, List<Reading> readings) {
        if (readings == null || readings.isEmpty()) {
            return;
        }
        for (ReadingObserver o : observers) {
            try {
                o.readingsTaken(meter, readings);
            } catch (RuntimeException e) {
                LOG.error("reading observer {} failed on point {}", o, meter.point(), e);
            }
        }
    }

    @Deactivate
    void deactivate() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    /** Reads quantities of one meter now, ahead of scheduled work. */
    public CompletableFuture<List<Reading>> readNow(int point, Set<Quantity> quantities) {
        return scheduler.readNow(point, quantities);
    }

    /** Success statistics of a day, if it is still kept. */
    public Optional<DayStatistics> statistics(LocalDate day) {
        return scheduler.statistics(day);
    }

    /** The collector's counters since start. */
    public CollectorCounters counters() {
        return scheduler.counters();
    }

    /** The archive in use. */
    public MeterArchive archive() {
        return archive;
    }

    /** The collector's clock (simulated in demos and tests). */
    public Clock clock() {
        return clock;
    }

    /** The zone of days and quarter hours. */
    public ZoneId zone() {
        return zone;
    }

    /** The buses bound now, by id. */
    public Map<String, Channel> channels() {
        return Map.copyOf(channels);
    }
}
