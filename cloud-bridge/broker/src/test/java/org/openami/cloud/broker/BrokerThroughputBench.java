package org.openami.cloud.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.SocketFactory;

/**
 * Prints start time and QoS 1 throughput (publish to delivery, one publisher, one subscriber)
 * of each broker, over mutual TLS and over plaintext, with Paho's default sockets and with
 * TCP_NODELAY ({@link NoDelaySockets}). Not a test: figures depend on the machine.
 *
 * <p>Usage: {@code BrokerThroughputBench [messages] [payloadBytes]} (defaults 5000 and 1024).
 */
public final class BrokerThroughputBench {

    private BrokerThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        int messages = arg(args, 0, 5000, 1, 1_000_000, "messages");
        int payloadBytes = arg(args, 1, 1024, 1, BrokerSettings.MAX_PACKET_BYTES / 2, "payloadBytes");
        Path dir = Files.createTempDirectory("ami-broker-bench");
        TestPki pki = new TestPki(dir.resolve("pki"));
        List<String> kinds = new ArrayList<>(List.of("hivemq"));
        if (MosquittoBroker.findExecutable().isPresent()) {
            kinds.add("mosquitto");
        } else {
            System.out.println("mosquitto not installed: skipped");
        }
        System.out.printf("%d messages of %d bytes, QoS 1, window 8%n", messages, payloadBytes);
        for (String kind : kinds) {
            Function<BrokerSettings, Broker> factory = "hivemq".equals(kind) ? EmbeddedHiveMq::new : MosquittoBroker::new;
            BrokerSettings settings = BrokerSettings.builder(dir.resolve(kind), pki.files).tlsPort(0).plainPort(0).build();
            try (Broker broker = factory.apply(settings)) {
                long t0 = System.nanoTime();
                broker.start();
                System.out.printf("%-9s start %6.0f ms%n", kind, (System.nanoTime() - t0) / 1e6);
                run(kind + " tls", broker.tlsUri(), pki.clientSocketFactory(pki.clientA),
                        pki.clientSocketFactory(pki.clientB), messages, payloadBytes);
                run(kind + " tls nodelay", broker.tlsUri(), NoDelaySockets.tls(pki.clientSocketFactory(pki.clientA)),
                        NoDelaySockets.tls(pki.clientSocketFactory(pki.clientB)), messages, payloadBytes);
                run(kind + " plain", broker.plainUri(), null, null, messages, payloadBytes);
                run(kind + " plain nodelay", broker.plainUri(), NoDelaySockets.plain(), NoDelaySockets.plain(),
                        messages, payloadBytes);
                t0 = System.nanoTime();
                broker.stop();
                System.out.printf("%-9s stop  %6.0f ms%n", kind, (System.nanoTime() - t0) / 1e6);
            }
        }
    }

    private static void run(String label, String uri, SocketFactory pubTls, SocketFactory subTls, int messages,
                            int payloadBytes) throws Exception {
        String topic = "bench/" + UUID.randomUUID();
        char[] filler = new char[Math.max(0, payloadBytes - 8)];
        Arrays.fill(filler, 'x');
        List<String> payloads = new ArrayList<>(messages);
        for (int i = 0; i < messages; i++) {
            payloads.add(String.format("%08d", i) + new String(filler));
        }
        try (TestClient sub = new TestClient(uri, "bench-sub-" + UUID.randomUUID()).connect(subTls, true, 0);
             TestClient pub = new TestClient(uri, "bench-pub-" + UUID.randomUUID()).connect(pubTls, true, 0)) {
            sub.subscribe(topic, 1);
            long t0 = System.nanoTime();
            pub.publishBurst(topic, payloads, 8);
            double publishSeconds = (System.nanoTime() - t0) / 1e9;
            int got = 0;
            while (got < messages) {
                if (sub.poll(30, TimeUnit.SECONDS) == null) {
                    System.out.printf("%-22s lost: %d of %d arrived%n", label, got, messages);
                    return;
                }
                got++;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%-22s %8.0f msg/s  %7.2f MiB/s delivered (publishing alone: %8.0f msg/s)%n", label,
                    messages / seconds, messages * (double) payloadBytes / seconds / (1024 * 1024),
                    messages / publishSeconds);
        }
    }

    private static int arg(String[] args, int index, int fallback, int min, int max, String name) {
        if (args.length <= index) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(args[index]);
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + args[index] + "'", e);
        }
    }
}
