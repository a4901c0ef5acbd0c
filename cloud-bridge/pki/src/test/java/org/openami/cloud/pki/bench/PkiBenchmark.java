package org.openami.cloud.pki.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.openami.cloud.pki.CertificateRequests;
import org.openami.cloud.pki.ProjectCa;
import org.openami.cloud.pki.TlsContexts;

/**
 * Prints how fast the PKI works on this machine: key pair and CSR generation, issuance (CSR
 * check plus signing) and full mutual TLS 1.3 handshakes on loopback (a fresh client context per
 * connection, so no session resumption). Not a test: run it by hand, e.g.
 * {@code java -cp target/test-classes:target/classes:<test classpath> org.openami.cloud.pki.bench.PkiBenchmark [N]}.
 */
public final class PkiBenchmark {

    private PkiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Path dir = Files.createTempDirectory("pki-bench");
        try {
            ProjectCa ca = ProjectCa.create(dir.resolve("ca"), "Bench CA", Duration.ofDays(30), Clock.systemUTC());
            // warm-up (JIT)
            for (int i = 0; i < 300; i++) {
                ca.issueClient(CertificateRequests.create(CertificateRequests.generateKeyPair(), "W" + i), Duration.ofDays(1));
            }

            long t0 = System.nanoTime();
            PKCS10CertificationRequest[] csrs = new PKCS10CertificationRequest[n];
            KeyPair[] keys = new KeyPair[n];
            for (int i = 0; i < n; i++) {
                keys[i] = CertificateRequests.generateKeyPair();
                csrs[i] = CertificateRequests.create(keys[i], "CONC-" + i);
            }
            long t1 = System.nanoTime();
            var certs = new java.security.cert.X509Certificate[n];
            for (int i = 0; i < n; i++) {
                certs[i] = ca.issueClient(csrs[i], Duration.ofDays(1));
            }
            long t2 = System.nanoTime();
            report("key pair + CSR", n, t1 - t0);
            report("issueClient (verify CSR, sign)", n, t2 - t1);

            KeyPair brokerKeys = CertificateRequests.generateKeyPair();
            var brokerCert = ca.issueServer(CertificateRequests.create(brokerKeys, "broker"), List.of("localhost"), List.of(),
                    Duration.ofDays(1));
            SSLContext server = TlsContexts.mutualTls(brokerKeys.getPrivate(), List.of(brokerCert), ca.certificate());
            int handshakes = Math.min(n, 200);
            SSLContext[] clients = new SSLContext[handshakes];
            for (int i = 0; i < handshakes; i++) {
                clients[i] = TlsContexts.mutualTls(keys[i].getPrivate(), List.of(certs[i]), ca.certificate());
            }
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try (SSLServerSocket ss = (SSLServerSocket) server.getServerSocketFactory()
                    .createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
                Future<Integer> acceptor = pool.submit(() -> {
                    int served = 0;
                    for (int i = 0; i < handshakes + 50; i++) {
                        try (SSLSocket s = (SSLSocket) ss.accept()) {
                            s.setTcpNoDelay(true);
                            InputStream in = s.getInputStream();
                            int b = in.read();
                            OutputStream out = s.getOutputStream();
                            out.write(b);
                            out.flush();
                            served++;
                        }
                    }
                    return served;
                });
                for (int i = 0; i < 50; i++) {
                    connect(clients[i % handshakes], ss.getLocalPort());
                }
                long h0 = System.nanoTime();
                for (int i = 0; i < handshakes; i++) {
                    connect(clients[i], ss.getLocalPort());
                }
                long h1 = System.nanoTime();
                acceptor.get();
                report("mutual TLS 1.3 handshake + 1-byte echo (loopback, both sides in this JVM)", handshakes, h1 - h0);
            } finally {
                pool.shutdownNow();
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void connect(SSLContext client, int port) throws Exception {
        try (SSLSocket c = (SSLSocket) client.getSocketFactory().createSocket("localhost", port)) {
            c.setTcpNoDelay(true);
            c.getOutputStream().write(7);
            c.getOutputStream().flush();
            if (c.getInputStream().read() != 7) {
                throw new IllegalStateException("echo failed");
            }
        }
    }

    private static void report(String what, int n, long nanos) {
        double ms = nanos / 1e6;
        System.out.printf("%-75s %6d in %8.1f ms = %7.2f ms each, %8.1f/s%n", what, n, ms, ms / n, n / (ms / 1000));
    }
}
