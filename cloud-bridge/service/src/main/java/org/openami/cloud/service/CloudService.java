package org.openami.cloud.service;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import javax.sql.DataSource;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.openami.cloud.broker.Broker;
import org.openami.cloud.broker.BrokerException;
import org.openami.cloud.broker.BrokerSettings;
import org.openami.cloud.broker.EmbeddedHiveMq;
import org.openami.cloud.broker.TlsFiles;
import org.openami.cloud.envelope.EnvelopeOpener;
import org.openami.cloud.envelope.KeyDirectory;
import org.openami.cloud.envelope.KeyFileException;
import org.openami.cloud.envelope.PublicNodeKeys;
import org.openami.cloud.envelope.SequenceCounter;
import org.openami.cloud.ingest.db.CommandLog;
import org.openami.cloud.ingest.db.DatabaseException;
import org.openami.cloud.ingest.db.EmbeddedDatabase;
import org.openami.cloud.ingest.db.IngestWriter;
import org.openami.cloud.ingest.db.Migrations;
import org.openami.cloud.ingest.db.QuarantineLog;
import org.openami.cloud.pki.Identity;
import org.openami.cloud.pki.PemFiles;
import org.openami.cloud.pki.PkiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cloud service: broker (embedded HiveMQ unless an external one is given), database
 * (embedded PostgreSQL unless a JDBC URL is given, migrated with Flyway), ingest workers, the
 * command sender, and housekeeping (replay-table purge, command expiry, reloading enrolled
 * concentrators' keys). {@link #start} brings it all up; {@link #close} takes it down in reverse.
 */
public final class CloudService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CloudService.class);

    private final CloudSettings settings;
    private final CloudFiles files;
    private final Clock clock;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<IngestWorker> workers = new ArrayList<>();
    private Broker broker;
    private String brokerUri;
    private DataSource dataSource;
    private KeyDirectory keys;
    private IngestPipeline pipeline;
    private IngestWriter writer;
    private CommandSender sender;
    private QuarantineLog quarantine;
    private CommandLog commands;
    private ScheduledExecutorService housekeeping;
    private long keysStamp;

    private CloudService(CloudSettings settings, Clock clock) {
        this.settings = settings;
        this.files = new CloudFiles(settings.dataDir());
        this.clock = clock;
    }

    /** Starts everything; on failure, what was started is stopped again and the cause thrown. */
    public static CloudService start(CloudSettings settings, Clock clock) throws IOException {
        CloudService s = new CloudService(settings, clock);
        try {
            s.startAll();
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void startAll() throws IOException {
        files.initialise(List.of("localhost"), List.of(settings.brokerHost().equals("0.0.0.0") ? "127.0.0.1"
                : settings.brokerHost()), clock);
        startDatabase();
        startBroker();
        try {
            keys = KeyDirectory.load(files.keysDir());
            SocketFactory sockets = brokerUri.startsWith("ssl://")
                    ? Identity.load(files.serviceTlsDir(), CloudFiles.CLOUD).sslContext().getSocketFactory() : null;
            EnvelopeOpener opener = new EnvelopeOpener(keys, clock, settings.maxAge(), settings.clockSkew());
            quarantine = new QuarantineLog(dataSource, clock);
            commands = new CommandLog(dataSource);
            writer = new IngestWriter(dataSource);
            pipeline = new IngestPipeline(opener, writer, quarantine, clock);
            for (int i = 1; i <= settings.workers(); i++) {
                IngestWorker w = new IngestWorker(brokerUri, settings.instance() + "-ingest-" + i, sockets,
                        settings.shareGroup(), pipeline);
                workers.add(w);
                w.start();
            }
            SequenceCounter seq = SequenceCounter.open(files.stateDir().resolve("commands.seq"), 1_000);
            closeables.add(seq);
            sender = new CommandSender(brokerUri, settings.instance() + "-commands", sockets, keys, commands, seq, clock);
        } catch (KeyFileException | PkiException | MqttException e) {
            throw new IOException(e.getMessage(), e);
        }
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cloud-housekeeping");
            t.setDaemon(true);
            return t;
        });
        housekeeping.scheduleWithFixedDelay(this::reloadKeys, 5, 5, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(this::purge, 1, 60, TimeUnit.MINUTES);
        LOG.info("cloud service up: broker {}, {} ingest worker(s), database {}", brokerUri, workers.size(),
                settings.jdbcUrl() == null ? "embedded" : "external");
    }

    private void startDatabase() throws IOException {
        try {
            if (settings.jdbcUrl() == null) {
                EmbeddedDatabase db = EmbeddedDatabase.start(files.postgresDir(), settings.dbPort());
                closeables.add(0, db);
                dataSource = db.dataSource();
            } else {
                HikariConfig c = new HikariConfig();
                c.setJdbcUrl(settings.jdbcUrl());
                c.setUsername(settings.dbUser());
                c.setPassword(settings.dbPassword());
                c.setMaximumPoolSize(settings.workers() + 4);
                c.setPoolName("ami-cloud");
                HikariDataSource pool = new HikariDataSource(c);
                closeables.add(0, pool);
                dataSource = pool;
            }
            Migrations.migrate(dataSource);
        } catch (DatabaseException | RuntimeException e) {
            throw new IOException("database: " + e.getMessage(), e);
        }
    }

    private void startBroker() throws IOException {
        if (settings.brokerUri() != null) {
            brokerUri = settings.brokerUri();
            return;
        }
        Path b = files.brokerDir();
        TlsFiles tls = new TlsFiles(b.resolve("broker.p12"), files.storePassword(), b.resolve("truststore.p12"),
                files.storePassword(), b.resolve("broker.key.pem"), b.resolve("broker.crt.pem"), b.resolve("ca.crt.pem"));
        BrokerSettings bs = BrokerSettings.builder(files.hivemqDir(), tls).host(settings.brokerHost())
                .tlsPort(settings.brokerPort()).plainPort(settings.plainPort()).build();
        broker = new EmbeddedHiveMq(bs);
        try {
            broker.start();
        } catch (BrokerException e) {
            throw new IOException("broker: " + e.getMessage(), e);
        }
        brokerUri = "ssl://" + (settings.brokerHost().equals("0.0.0.0") ? "127.0.0.1" : settings.brokerHost())
                + ":" + broker.tlsPort();
    }

    /**
     * Picks up keys enrolled by another process ({@code ./ami cloud enroll}) or removed: reads the
     * key folder again only when its own/ or peers/ folder changed (adding or removing a file
     * changes the folder's modification time), so thousands of enrolled concentrators are not
     * re-read every few seconds.
     */
    private void reloadKeys() {
        try {
            long stamp = java.nio.file.Files.getLastModifiedTime(files.keysDir().resolve(KeyDirectory.PEERS)).toMillis()
                    ^ java.nio.file.Files.getLastModifiedTime(files.keysDir().resolve(KeyDirectory.OWN)).toMillis() * 31;
            if (stamp == keysStamp) {
                return;
            }
            keys.reload();
            keysStamp = stamp;
        } catch (KeyFileException | IOException | RuntimeException e) {
            LOG.warn("reloading envelope keys: {}", e.getMessage());
        }
    }

    private void purge() {
        try {
            Instant now = clock.instant();
            writer.purgeSeen(now.minus(settings.maxAge()).minus(Duration.ofDays(1)));
            commands.expireOverdue(now);
        } catch (DatabaseException | RuntimeException e) {
            LOG.warn("housekeeping: {}", e.getMessage());
        }
    }

    /**
     * Enrolls a concentrator: issues its client certificate from its CSR with the project CA
     * and registers its envelope public keys. Returns the certificate.
     */
    public static X509Certificate enroll(CloudFiles files, Path csr, PublicNodeKeys envelopeKeys, Clock clock)
            throws IOException {
        try {
            var request = PemFiles.readCertificationRequest(csr);
            X509Certificate cert = files.ca(clock).issueClient(request, Duration.ofDays(825));
            String cn = org.openami.cloud.pki.TlsContexts.commonName(cert);
            if (!cn.equals(envelopeKeys.id())) {
                throw new IOException("the CSR is for '" + cn + "' but the envelope keys are of '" + envelopeKeys.id() + "'");
            }
            KeyDirectory.load(files.keysDir()).addPeer(envelopeKeys);
            return cert;
        } catch (PkiException | KeyFileException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    public String brokerUri() {
        return brokerUri;
    }

    /** The embedded broker, or null when an external one is used. */
    public Broker broker() {
        return broker;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public IngestPipeline pipeline() {
        return pipeline;
    }

    public CommandSender commands() {
        return sender;
    }

    public CommandLog commandLog() {
        return commands;
    }

    public QuarantineLog quarantine() {
        return quarantine;
    }

    public KeyDirectory keys() {
        return keys;
    }

    public CloudFiles files() {
        return files;
    }

    @Override
    public void close() {
        if (housekeeping != null) {
            housekeeping.shutdownNow();
        }
        if (sender != null) {
            sender.close();
        }
        workers.forEach(IngestWorker::close);
        workers.clear();
        if (broker != null) {
            broker.stop();
        }
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", c, e.toString());
            }
        }
        closeables.clear();
    }
}
