package org.openami.concentrator.components;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.openami.concentrator.store.ForwardStore;
import org.openami.concentrator.store.StoreException;
import org.openami.concentrator.store.StoreSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store-and-forward database: readings, events and command results until the uplink has
 * them. Opens the H2 MVStore file, runs housekeeping (retention, disk bound) every few
 * minutes, and offers the open store to the collector (and later the uplink) as a service.
 */
@Component(name = StoreComponent.PID, configurationPid = StoreComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true, service = {StoreComponent.class, ConfigurableComponent.class})
@Designate(ocd = StoreComponent.Config.class)
public final class StoreComponent implements ConfigurableComponent {

    public static final String PID = "org.openami.concentrator.store";

    private static final Logger LOG = LoggerFactory.getLogger(StoreComponent.class);

    @ObjectClassDefinition(id = PID, name = "Store and forward",
            description = "Where collected data waits for the cloud: an embedded H2 MVStore file with a size limit and retention.")
    public @interface Config {
        @AttributeDefinition(name = "File", description = "The store file; relative paths are under the working directory")
        String file() default "data/concentrator-store.mv.db";

        @AttributeDefinition(name = "Size limit (MiB)", description = "Above it, delivered data goes first, oldest first; undelivered data only when nothing else is left (an event says so)", min = "1", max = "1048576")
        int max_megabytes() default 256;

        @AttributeDefinition(name = "Retention (days)", description = "How long delivered data is kept", min = "0", max = "3650")
        int retention_days() default 31;

        @AttributeDefinition(name = "Sync every commit", description = "fsync each write: survives power loss on storage that honours it, at a cost per write. Off: survives a killed process")
        boolean sync_on_commit() default true;

        @AttributeDefinition(name = "Cache (MiB)", description = "Page cache of the store in the heap", min = "1", max = "1024")
        int cache_megabytes() default 4;

        @AttributeDefinition(name = "Housekeeping interval (s)", min = "10", max = "86400")
        int housekeeping_seconds() default 300;
    }

    private ForwardStore store;
    private ScheduledExecutorService housekeeping;

    @Activate
    void activate(Config c) throws StoreException {
        StoreSettings settings = ConfigChecks.check("max.megabytes", () -> StoreSettings.defaults()
                .withMaxBytes((long) c.max_megabytes() << 20)
                .withRetention(Duration.ofDays(c.retention_days()))
                .withCacheMegabytes(c.cache_megabytes())
                .withSyncOnCommit(c.sync_on_commit()));
        Path file = Path.of(ConfigChecks.text("file", c.file())).toAbsolutePath();
        store = ForwardStore.open(file, settings, Clock.systemUTC());
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "store-housekeeping");
            t.setDaemon(true);
            return t;
        });
        int every = Math.max(10, c.housekeeping_seconds());
        housekeeping.scheduleWithFixedDelay(this::housekeep, every, every, TimeUnit.SECONDS);
        LOG.info("store {} open: {} undelivered, {} delivered", file, store.undeliveredCount(), store.deliveredCount());
    }

    private void housekeep() {
        try {
            LOG.debug("store housekeeping: {}", store.housekeeping());
        } catch (StoreException | RuntimeException e) {
            LOG.error("store housekeeping failed: {}", e.toString());
        }
    }

    @Deactivate
    void deactivate() {
        if (housekeeping != null) {
            housekeeping.shutdownNow();
        }
        if (store != null) {
            store.close();
        }
    }

    /** The open store. */
    public ForwardStore store() {
        return store;
    }
}
