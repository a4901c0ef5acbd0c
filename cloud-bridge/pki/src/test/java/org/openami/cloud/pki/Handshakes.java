package org.openami.cloud.pki;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * Real TLS handshakes on loopback: an {@link SSLServerSocket} from the server context accepts
 * one connection, a client socket from the client context connects; each side exchanges one
 * byte after the handshake, so a rejection that TLS 1.3 reports only after the client's
 * handshake (a refused client certificate) still shows on both sides.
 */
public final class Handshakes {

    /** What each side saw. A side succeeded when its error is null. */
    public record Outcome(Throwable serverError, Throwable clientError, String serverProtocol, String clientProtocol,
            String peerSeenByServer, String peerSeenByClient) {
        public boolean bothSucceeded() {
            return serverError == null && clientError == null;
        }

        public boolean bothFailed() {
            return serverError != null && clientError != null;
        }
    }

    private Handshakes() {
    }

    public static Outcome run(SSLContext server, SSLContext client, String host) throws Exception {
        return run(server, client, host, s -> { });
    }

    /**
     * @param clientSetup adjusts the client socket before its handshake (e.g. its SSLParameters)
     */
    public static Outcome run(SSLContext server, SSLContext client, String host, Consumer<SSLSocket> clientSetup)
            throws Exception {
        return run(server, client, host, ss -> { }, clientSetup);
    }

    /**
     * @param serverSetup adjusts the listening socket (e.g. to require client certificates from a plain JSSE context)
     * @param clientSetup adjusts the client socket before its handshake
     */
    public static Outcome run(SSLContext server, SSLContext client, String host, Consumer<SSLServerSocket> serverSetup,
            Consumer<SSLSocket> clientSetup) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (SSLServerSocket ss = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ss.setSoTimeout(20_000);
            serverSetup.accept(ss);
            Future<String[]> serverSide = pool.submit(() -> {
                try (SSLSocket s = (SSLSocket) ss.accept()) {
                    s.setSoTimeout(20_000);
                    s.startHandshake();
                    InputStream in = s.getInputStream();
                    int b = in.read();
                    if (b < 0) {
                        throw new IllegalStateException("client closed before sending");
                    }
                    OutputStream out = s.getOutputStream();
                    out.write(b + 1);
                    out.flush();
                    SSLSession session = s.getSession();
                    return new String[] {session.getProtocol(), session.getPeerPrincipal().getName()};
                }
            });
            Throwable clientError = null;
            String clientProtocol = null;
            String peer = null;
            try (SSLSocket c = (SSLSocket) client.getSocketFactory().createSocket(host, ss.getLocalPort())) {
                c.setSoTimeout(20_000);
                clientSetup.accept(c);
                c.startHandshake();
                c.getOutputStream().write(41);
                c.getOutputStream().flush();
                int reply = c.getInputStream().read();
                if (reply != 42) {
                    throw new IllegalStateException("server answered " + reply + " instead of 42");
                }
                clientProtocol = c.getSession().getProtocol();
                peer = c.getSession().getPeerPrincipal().getName();
            } catch (Exception e) {
                clientError = e;
            }
            Throwable serverError = null;
            String[] seen = null;
            try {
                seen = serverSide.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                serverError = e.getCause();
            }
            return new Outcome(serverError, clientError, seen == null ? null : seen[0], clientProtocol,
                    seen == null ? null : seen[1], peer);
        } finally {
            pool.shutdownNow();
        }
    }
}
