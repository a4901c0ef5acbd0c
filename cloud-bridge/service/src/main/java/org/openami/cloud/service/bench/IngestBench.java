package org.openami.cloud.service.bench;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.openami.cloud.broker.EmbeddedHiveMq;
import org.openami.cloud.envelope.EnvelopeSealer;
import org.openami.cloud.envelope.KeyDirectory;
import org.openami.cloud.ingest.db.ReadingQueries;
import org.openami.cloud.message.MessageCodec;
import org.openami.cloud.message.MessageType;
import org.openami.cloud.message.Telemetry;
import org.openami.cloud.service.CloudFiles;
import org.openami.cloud.service.CloudService;
import org.openami.cloud.service.CloudSettings;
import org.openami.cloud.service.Commissioning;
import org.openami.cloud.service.IngestPipeline;
import org.openami.cloud.service.sim.ReadingGenerator;
import org.openami.cloud.topic.Topics;
import org.openami.concentrator.model.Reading;
import org.postgresql.PGConnection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./ami bench ingest}: the cloud's ingest into PostgreSQL (embedded, on this machine).
 * Envelopes of telemetry from several concentrators are sealed beforehand; then
 * <ol>
 *   <li>through the broker: published at QoS 1 to the embedded HiveMQ and taken by the ingest
 *       workers (shared subscription), opened, verified, decoded and upserted;</li>
 *   <li>the pipeline alone: the same work without the broker, from as many threads as workers;</li>
 *   <li>a raw {@code COPY} of the same rows into an empty table of the same shape.</li>
 * </ol>
 * and prints readings per second and the ratios to COPY.
 */
@Command(name = "bench ingest", mixinStandardHelpOptions = true)
public final class IngestBench implements Callable<Integer> {

    @Option(names = "--readings", defaultValue = "400000", description = "Readings per phase (default: ${DEFAULT-VALUE})")
    int readings;

    @Option(names = "--batch", defaultValue = "2000", description = "Readings per envelope (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--workers", defaultValue = "4", description = "Ingest workers (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--concentrators", defaultValue = "4", description = "Sending concentrators (default: ${DEFAULT-VALUE})")
    int concentrators;

    public static void main(String[] args) {
        System.exit(new CommandLine(new IngestBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path tmp = Files.createTempDirectory("ami-bench-ingest");
        CloudFiles files = new CloudFiles(tmp.resolve("cloud"));
        EmbeddedHiveMq broker = BenchBroker.start(files, tmp.resolve("hivemq"));
        Clock clock = Clock.systemUTC();
        CloudSettings settings = CloudSettings.embedded(files.root()).withBroker(broker.tlsUri()).withDbPort(0)
                .withWorkers(workers);
        System.out.printf("ingest bench: %,d readings a phase in envelopes of %d from %d concentrators, %d workers%n",
                readings, batch, concentrators, workers);
        try (CloudService cloud = CloudService.start(settings, clock)) {
            List<String> ids = new ArrayList<>();
            for (int c = 1; c <= concentrators; c++) {
                String id = "ING-" + c;
                Commissioning.commission(files, tmp.resolve(id), id, clock);
                ids.add(id);
            }
            cloud.keys().reload();
            List<List<Reading>> bodies = new ArrayList<>();
            List<byte[]> warmUp = seal(tmp, ids, 2, null).subList(0, ids.size() * 10);
            List<byte[]> brokerPhase = seal(tmp, ids, 0, bodies);
            List<byte[]> pipelinePhase = seal(tmp, ids, 1, null);
            DataSource ds = cloud.dataSource();
            ReadingQueries q = new ReadingQueries(ds);

            publish(broker.plainUri(), ids, warmUp); // JIT and connection pools warm, not measured
            long warm = (long) warmUp.size() * batch;
            while (q.count() < warm) {
                Thread.sleep(20);
            }
            long t0 = System.nanoTime();
            publish(broker.plainUri(), ids, brokerPhase);
            while (q.count() < readings + warm) {
                Thread.sleep(20);
            }
            double viaBroker = readings / ((System.nanoTime() - t0) / 1e9);
            System.out.printf("through the broker (publish, verify, decrypt, decode, upsert): %,.0f readings/s%n", viaBroker);

            IngestPipeline pipeline = cloud.pipeline();
            t0 = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                fs.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < pipelinePhase.size()) {
                        String id = ids.get(i % ids.size());
                        pipeline.ingest(Topics.topic(id, Topics.Channel.TELEMETRY), pipelinePhase.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            pool.shutdown();
            double direct = readings / ((System.nanoTime() - t0) / 1e9);
            System.out.printf("the pipeline alone, %d threads (verify, decrypt, decode, upsert): %,.0f readings/s%n",
                    workers, direct);

            double copy = copy(ds, bodies);
            System.out.printf("raw COPY of the same rows into an empty table:                 %,.0f rows/s%n", copy);
            System.out.printf("ratio to COPY: through the broker %.2f, pipeline alone %.2f; target >= 50,000/s: %s%n",
                    viaBroker / copy, direct / copy, viaBroker >= 50_000 ? "met" : "NOT met (through the broker)");
            System.out.printf("quarantined: %d, redelivered copies: %d%n", pipeline.quarantined(), pipeline.duplicates());
        } finally {
            broker.stop();
        }
        return 0;
    }

    /** Envelopes for one phase: phase 0 and 1 use different data times so both insert new rows. */
    private List<byte[]> seal(Path tmp, List<String> ids, int phase, List<List<Reading>> keep) throws Exception {
        List<byte[]> out = new ArrayList<>();
        int perConcentrator = readings / ids.size();
        long seq = phase * 10_000_000L + 1;
        long now = System.currentTimeMillis();
        for (int c = 0; c < ids.size(); c++) {
            String id = ids.get(c);
            KeyDirectory keys = KeyDirectory.load(tmp.resolve(id).resolve("keys"));
            EnvelopeSealer sealer = new EnvelopeSealer(keys.currentOwn().orElseThrow(),
                    keys.currentPeer("cloud").orElseThrow(), id, new SecureRandom());
            ReadingGenerator gen = new ReadingGenerator(2_040, 1_700_000_000_000L + phase * 86_400_000L * 400,
                    600_000_000_000L + c * 10_000L);
            for (int i = 0; i < perConcentrator; i += batch) {
                List<Reading> rs = gen.range(i, Math.min(perConcentrator, i + batch));
                out.add(sealer.seal(MessageType.TELEMETRY, seq++, now, MessageCodec.encode(new Telemetry(rs))));
                if (keep != null) {
                    keep.add(rs);
                }
            }
        }
        // interleave concentrators as they would arrive
        List<byte[]> mixed = new ArrayList<>(out.size());
        int per = out.size() / ids.size();
        for (int i = 0; i < per; i++) {
            for (int c = 0; c < ids.size(); c++) {
                mixed.add(out.get(c * per + i));
            }
        }
        return mixed;
    }

    private static void publish(String uri, List<String> ids, List<byte[]> envelopes) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(uri, "bench-publisher", new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        client.connect(o).waitForCompletion(30_000);
        java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(8);
        for (int i = 0; i < envelopes.size(); i++) {
            window.acquire();
            MqttMessage m = new MqttMessage(envelopes.get(i));
            m.setQos(1);
            client.publish(Topics.topic(ids.get(i % ids.size()), Topics.Channel.TELEMETRY), m, null,
                    new org.eclipse.paho.mqttv5.client.MqttActionListener() {
                        @Override
                        public void onSuccess(org.eclipse.paho.mqttv5.client.IMqttToken t) {
                            window.release();
                        }

                        @Override
                        public void onFailure(org.eclipse.paho.mqttv5.client.IMqttToken t, Throwable e) {
                            window.release();
                        }
                    });
        }
        window.acquire(8);
        client.disconnect().waitForCompletion(10_000);
        client.close();
    }

    private static double copy(DataSource ds, List<List<Reading>> bodies) throws Exception {
        StringBuilder sb = new StringBuilder(64 * 1024 * 1024);
        int rows = 0;
        for (List<Reading> rs : bodies) {
            for (Reading r : rs) {
                sb.append(Instant.ofEpochMilli(r.dataTime())).append('\t').append(r.value()).append('\t')
                        .append(Instant.ofEpochMilli(r.readAt())).append('\t').append(Instant.now()).append('\t')
                        .append(r.point()).append('\t').append(r.quantity().name()).append('\t').append(r.kind().name())
                        .append('\t').append(r.meter()).append('\t').append("COPY").append('\n');
                rows++;
            }
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE reading_copy (LIKE reading INCLUDING ALL)");
            long t0 = System.nanoTime();
            PGConnection pg = c.unwrap(PGConnection.class);
            pg.getCopyAPI().copyIn("COPY reading_copy (data_time, value, read_at, received_at, point, quantity, kind,"
                    + " meter, concentrator_id) FROM STDIN", new StringReader(sb.toString()));
            double rate = rows / ((System.nanoTime() - t0) / 1e9);
            s.execute("DROP TABLE reading_copy");
            return rate;
        }
    }

}
