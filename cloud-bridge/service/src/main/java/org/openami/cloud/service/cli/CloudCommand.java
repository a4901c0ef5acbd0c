package org.openami.cloud.service.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.openami.cloud.envelope.KeyFileException;
import org.openami.cloud.envelope.KeyFiles;
import org.openami.cloud.ingest.db.DatabaseException;
import org.openami.cloud.ingest.db.ReadingQueries;
import org.openami.cloud.pki.PemFiles;
import org.openami.cloud.pki.PkiException;
import org.openami.cloud.service.CloudFiles;
import org.openami.cloud.service.CloudService;
import org.openami.cloud.service.CloudSettings;
import org.openami.cloud.service.Commissioning;
import org.openami.cloud.service.IngestPipeline;
import org.openami.cloud.service.sim.ReadingGenerator;
import org.openami.cloud.service.sim.SimulatedConcentrator;
import org.openami.cloud.uplink.CommandExecutor;
import org.openami.cloud.uplink.UplinkSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./ami cloud}: runs the cloud service. With no options everything is embedded (HiveMQ
 * on 127.0.0.1:8883 with TLS 1.3 and client certificates, PostgreSQL on a free port, data in
 * {@code data/cloud}); {@code --simulate N} adds N simulated concentrators on this machine so
 * readings flow at once.
 */
@Command(name = "cloud", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The cloud service: ingest from MQTT into PostgreSQL, quarantine, signed commands.",
        subcommands = {CloudCommand.Commission.class, CloudCommand.Enroll.class})
public final class CloudCommand implements Callable<Integer> {

    @Option(names = "--data-dir", description = "Data folder (default: ${DEFAULT-VALUE})", defaultValue = "data/cloud")
    Path dataDir;

    @Option(names = "--broker", description = "External broker ssl://host:port (default: embedded HiveMQ)")
    String broker;

    @Option(names = "--broker-port", description = "TLS port of the embedded broker, 0 = a free one (default: ${DEFAULT-VALUE})", defaultValue = "8883")
    int brokerPort;

    @Option(names = "--db", description = "External PostgreSQL jdbc:postgresql://host:port/db (default: embedded)")
    String db;

    @Option(names = "--db-user", description = "User for --db")
    String dbUser;

    @Option(names = "--db-password-env", description = "Environment variable holding the --db password (default: ${DEFAULT-VALUE})", defaultValue = "AMI_DB_PASSWORD")
    String dbPasswordEnv;

    @Option(names = "--db-port", description = "Port of the embedded PostgreSQL, 0 = a free one (default: ${DEFAULT-VALUE})", defaultValue = "0")
    int dbPort;

    @Option(names = "--workers", description = "Ingest workers in this process (default: ${DEFAULT-VALUE})", defaultValue = "2")
    int workers;

    @Option(names = "--instance", description = "Name of this instance; MQTT client ids start with it (default: ${DEFAULT-VALUE})", defaultValue = "cloud-1")
    String instance;

    @Option(names = "--simulate", description = "Simulated concentrators to start on this machine (default: ${DEFAULT-VALUE})", defaultValue = "0")
    int simulate;

    @Option(names = "--rate", description = "Readings per second each simulated concentrator produces (default: ${DEFAULT-VALUE})", defaultValue = "200")
    int rate;

    @Option(names = "--seconds", description = "Stop after this many seconds, 0 = run until Ctrl-C (default: ${DEFAULT-VALUE})", defaultValue = "0")
    int seconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CloudCommand()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("cloud: " + e.getMessage());
            return 1;
        }).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (simulate < 0 || simulate > 100 || rate < 1 || rate > 100_000 || seconds < 0) {
            System.err.println("cloud: --simulate must be 0..100, --rate 1..100000, --seconds >= 0");
            return 2;
        }
        CloudSettings settings = CloudSettings.embedded(dataDir).withBrokerPorts(brokerPort, -1).withDbPort(dbPort)
                .withWorkers(workers).withInstance(instance);
        if (broker != null) {
            settings = settings.withBroker(broker);
        }
        if (db != null) {
            settings = settings.withDatabase(db, dbUser, System.getenv(dbPasswordEnv));
        }
        Clock clock = Clock.systemUTC();
        try (CloudService cloud = CloudService.start(settings, clock)) {
            System.out.println("cloud: broker " + cloud.brokerUri() + ", data in " + cloud.files().root());
            List<SimulatedConcentrator> sims = new ArrayList<>();
            List<Thread> producers = new ArrayList<>();
            try {
                for (int i = 1; i <= simulate; i++) {
                    String id = String.format("SIM-%04d", i);
                    Path dir = cloud.files().root().resolve("simulated").resolve(id);
                    if (!Files.exists(dir.resolve("tls").resolve(id + ".crt.pem"))) {
                        Commissioning.commission(cloud.files(), dir, id, clock);
                    }
                    SimulatedConcentrator c = SimulatedConcentrator.start(dir, id, cloud.brokerUri(),
                            UplinkSettings.defaults(id), command -> java.util.concurrent.CompletableFuture
                                    .completedFuture(CommandExecutor.CommandOutcome.ok("simulated")), clock);
                    sims.add(c);
                    producers.add(producer(c, i, clock));
                }
                cloud.keys().reload();
                long end = seconds == 0 ? Long.MAX_VALUE : System.nanoTime() + seconds * 1_000_000_000L;
                while (System.nanoTime() < end) {
                    Thread.sleep(Math.min(5_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                    printStatus(cloud);
                }
            } finally {
                producers.forEach(Thread::interrupt);
                sims.forEach(SimulatedConcentrator::close);
            }
            printStatus(cloud);
        }
        return 0;
    }

    private Thread producer(SimulatedConcentrator c, int n, Clock clock) {
        long start = clock.millis() / 900_000L * 900_000L;
        ReadingGenerator gen = new ReadingGenerator(500, start, 100_000_000_000L + n * 10_000L);
        Thread t = new Thread(() -> {
            long i = 0;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    c.produce(gen.range(i, i + rate));
                    i += rate;
                    Thread.sleep(1_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.err.println("cloud: simulated concentrator " + n + " stopped: " + e.getMessage());
            }
        }, "simulated-producer-" + n);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void printStatus(CloudService cloud) {
        IngestPipeline p = cloud.pipeline();
        long rows;
        try {
            rows = new ReadingQueries(cloud.dataSource()).count();
        } catch (DatabaseException e) {
            rows = -1;
        }
        System.out.printf("cloud: %,d readings in PostgreSQL; envelopes applied %,d, redelivered copies %,d, quarantined %,d%n",
                rows, p.applied(), p.duplicates(), p.quarantined());
    }

    /** Commissions a concentrator on this machine (demos, factory line). */
    @Command(name = "commission", mixinStandardHelpOptions = true,
            description = "Make a concentrator's keys and certificate with this cloud's CA and register it.")
    static final class Commission implements Callable<Integer> {
        @CommandLine.ParentCommand
        CloudCommand parent;

        @Option(names = "--id", required = true, description = "Concentrator id")
        String id;

        @Option(names = "--out", required = true, description = "The concentrator's folder to write tls/ and keys/ into")
        Path out;

        @Override
        public Integer call() throws IOException {
            CloudFiles files = new CloudFiles(parent.dataDir);
            files.initialise(List.of("localhost"), List.of("127.0.0.1"), Clock.systemUTC());
            Commissioning.commission(files, out, id, Clock.systemUTC());
            System.out.println("commissioned " + id + " in " + out.toAbsolutePath()
                    + ": point its uplink at tls.dir=" + out.resolve("tls") + " keys.dir=" + out.resolve("keys"));
            return 0;
        }
    }

    /** Enrolls a concentrator that made its own keys (the field procedure). */
    @Command(name = "enroll", mixinStandardHelpOptions = true,
            description = "Issue a concentrator's certificate from its CSR and register its envelope public keys.")
    static final class Enroll implements Callable<Integer> {
        @CommandLine.ParentCommand
        CloudCommand parent;

        @Option(names = "--csr", required = true, description = "The concentrator's CSR (./ami pki request)")
        Path csr;

        @Option(names = "--envelope-key", required = true, description = "The concentrator's envelope public keys (<id>.<keyId>.pub.pem)")
        Path envelopeKey;

        @Option(names = "--out", required = true, description = "Where to write the certificate")
        Path out;

        @Override
        public Integer call() throws IOException {
            CloudFiles files = new CloudFiles(parent.dataDir);
            files.initialise(List.of("localhost"), List.of("127.0.0.1"), Clock.systemUTC());
            try {
                var cert = CloudService.enroll(files, csr, KeyFiles.readPublic(envelopeKey), Clock.systemUTC());
                PemFiles.writeCertificate(out, cert);
                var cloudKeys = org.openami.cloud.envelope.KeyDirectory.load(files.keysDir()).currentOwn().orElseThrow()
                        .publicKeys();
                Path cloudKey = out.toAbsolutePath().resolveSibling(
                        "cloud." + cloudKeys.keyId() + org.openami.cloud.envelope.KeyDirectory.PUBLIC_SUFFIX);
                KeyFiles.writePublic(cloudKey, cloudKeys);
                System.out.println("certificate written to " + out + "; give the concentrator " + out + ", "
                        + files.caDir().resolve("ca.crt.pem") + " (as tls/ca.crt.pem) and " + cloudKey
                        + " (as keys/peers/)");
                return 0;
            } catch (KeyFileException | PkiException e) {
                System.err.println("cloud enroll: " + e.getMessage());
                return 2;
            }
        }
    }

}
