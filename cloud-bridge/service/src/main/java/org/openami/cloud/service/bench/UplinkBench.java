package org.openami.cloud.service.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.net.SocketFactory;
import org.openami.cloud.broker.EmbeddedHiveMq;
import org.openami.cloud.envelope.EnvelopeSealer;
import org.openami.cloud.envelope.KeyDirectory;
import org.openami.cloud.envelope.SequenceCounter;
import org.openami.cloud.message.MessageCodec;
import org.openami.cloud.pki.Identity;
import org.openami.cloud.service.CloudFiles;
import org.openami.cloud.service.Commissioning;
import org.openami.cloud.service.sim.ReadingGenerator;
import org.openami.cloud.uplink.EnvelopeMessageSealer;
import org.openami.cloud.uplink.MessageSealer;
import org.openami.cloud.uplink.Outbox;
import org.openami.cloud.uplink.PahoBrokerLink;
import org.openami.cloud.uplink.Uplink;
import org.openami.cloud.uplink.UplinkSettings;
import org.openami.concentrator.store.ForwardStore;
import org.openami.concentrator.store.StoreSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./ami bench uplink}: the concentrator's uplink publishing a backlog of readings from a
 * real store to a local broker (embedded HiveMQ) at QoS 1 in batches, secure (sealed envelopes:
 * CBOR + AES-256-GCM + Ed25519, over TLS 1.3 with client certificates) against plaintext (the
 * same CBOR bodies over plain TCP), alternating rounds in the same run. A reading counts when
 * the broker acknowledged it and the store marked it delivered.
 */
@Command(name = "bench uplink", mixinStandardHelpOptions = true)
public final class UplinkBench implements Callable<Integer> {

    @Option(names = "--readings", defaultValue = "300000", description = "Readings per round (default: ${DEFAULT-VALUE})")
    int readings;

    @Option(names = "--rounds", defaultValue = "7", description = "Rounds of each mode (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--batch", defaultValue = "2000", description = "Readings per envelope (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--window", defaultValue = "8", description = "Envelopes in flight (default: ${DEFAULT-VALUE})")
    int window;

    public static void main(String[] args) {
        System.exit(new CommandLine(new UplinkBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path tmp = Files.createTempDirectory("ami-bench-uplink");
        CloudFiles files = new CloudFiles(tmp.resolve("cloud"));
        EmbeddedHiveMq broker = BenchBroker.start(files, tmp.resolve("hivemq"));
        String id = "BENCH-1";
        Path conc = tmp.resolve("concentrator");
        Commissioning.commission(files, conc, id, Clock.systemUTC());
        System.out.printf("uplink bench: %,d readings a round, %d readings an envelope, window %d, %d rounds each%n",
                readings, batch, window, rounds);
        List<Double> plain = new ArrayList<>();
        List<Double> sealedTcp = new ArrayList<>();
        List<Double> secure = new ArrayList<>();
        try {
            round(conc, id, broker, false, false, 1); // warm-up of every path
            round(conc, id, broker, true, false, 2);
            round(conc, id, broker, true, true, 3);
            for (int r = 0; r < rounds; r++) {
                plain.add(round(conc, id, broker, false, false, 10 + r));
                sealedTcp.add(round(conc, id, broker, true, false, 20 + r));
                secure.add(round(conc, id, broker, true, true, 30 + r));
                System.out.printf("  round %d: plaintext %,.0f, envelopes over TCP %,.0f, envelopes over TLS %,.0f readings/s%n",
                        r + 1, plain.get(r), sealedTcp.get(r), secure.get(r));
            }
        } finally {
            broker.stop();
        }
        double p = BenchBroker.median(plain);
        double e = BenchBroker.median(sealedTcp);
        double s = BenchBroker.median(secure);
        System.out.printf("plaintext (CBOR over TCP):                          %,.0f readings/s (median)%n", p);
        System.out.printf("envelopes (AES-256-GCM + Ed25519) over TCP:         %,.0f readings/s (median)%n", e);
        System.out.printf("secure (envelopes over TLS 1.3, client certificate): %,.0f readings/s (median)%n", s);
        System.out.printf("envelope overhead %.1f %%, TLS overhead on top %.1f %%%n", 100 * (1 - e / p), 100 * (1 - s / e));
        System.out.printf("security overhead: %.1f %% (target <= 15 %%); secure rate target >= 20,000/s: %s%n",
                100 * (1 - s / p), s >= 20_000 ? "met" : "NOT met");
        return 0;
    }

    private double round(Path conc, String id, EmbeddedHiveMq broker, boolean sealed, boolean tls, int n)
            throws Exception {
        Path storeFile = conc.resolve("bench-" + n + ".mv.db");
        ReadingGenerator gen = new ReadingGenerator(2_040, 1_767_225_600_000L, 500_000_000_000L);
        try (ForwardStore store = ForwardStore.open(storeFile, StoreSettings.defaults().withSyncOnCommit(false)
                .withMaxBytes(1L << 30), Clock.systemUTC())) {
            for (int i = 0; i < readings; i += 10_000) {
                store.putReadings(gen.range(i, Math.min(readings, i + 10_000)));
            }
            UplinkSettings settings = UplinkSettings.defaults(id).withBatchSize(batch).withWindow(window)
                    .withMaxEntriesPerSecond(0);
            MessageSealer sealer;
            SocketFactory sockets;
            String uri;
            SequenceCounter seq = null;
            if (sealed) {
                KeyDirectory keys = KeyDirectory.load(conc.resolve("keys"));
                seq = SequenceCounter.open(conc.resolve("bench.seq"), 100_000);
                sealer = new EnvelopeMessageSealer(new EnvelopeSealer(keys.currentOwn().orElseThrow(),
                        keys.currentPeer("cloud").orElseThrow(), id, new SecureRandom()), seq, Clock.systemUTC());
            } else {
                sealer = MessageCodec::encode;
            }
            if (tls) {
                sockets = Identity.load(conc.resolve("tls"), id).sslContext().getSocketFactory();
                uri = broker.tlsUri();
            } else {
                sockets = null;
                uri = broker.plainUri();
            }
            long t0 = System.nanoTime();
            try (Uplink uplink = new Uplink(settings, Outbox.of(store), sealer,
                    new PahoBrokerLink(uri, id + (sealed ? "-s" : "-p") + (tls ? "t" : ""), sockets, settings), null)) {
                uplink.start();
                while (store.undeliveredCount() > 0) {
                    Thread.sleep(5);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (seq != null) {
                seq.close();
            }
            return readings / seconds;
        } finally {
            Files.deleteIfExists(storeFile);
        }
    }
}
