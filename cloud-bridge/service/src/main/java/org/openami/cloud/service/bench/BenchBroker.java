package org.openami.cloud.service.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.openami.cloud.broker.BrokerException;
import org.openami.cloud.broker.BrokerSettings;
import org.openami.cloud.broker.EmbeddedHiveMq;
import org.openami.cloud.broker.TlsFiles;
import org.openami.cloud.service.CloudFiles;

/** An embedded HiveMQ with a TLS and a plain listener on free ports, certificates from a fresh cloud folder. */
final class BenchBroker {

    private BenchBroker() {
    }

    static EmbeddedHiveMq start(CloudFiles files, Path dataDir) throws IOException, BrokerException {
        files.initialise(List.of("localhost"), List.of("127.0.0.1"), Clock.systemUTC());
        Path b = files.brokerDir();
        TlsFiles tls = new TlsFiles(b.resolve("broker.p12"), files.storePassword(), b.resolve("truststore.p12"),
                files.storePassword(), b.resolve("broker.key.pem"), b.resolve("broker.crt.pem"), b.resolve("ca.crt.pem"));
        EmbeddedHiveMq broker = new EmbeddedHiveMq(BrokerSettings.builder(dataDir, tls).tlsPort(0).plainPort(0).build());
        broker.start();
        return broker;
    }

    static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
