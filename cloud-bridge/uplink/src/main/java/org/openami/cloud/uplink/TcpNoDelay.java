package org.openami.cloud.uplink;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories whose sockets have Nagle's algorithm off. MQTT at QoS 1 sends many small
 * packets (PUBACKs) that a broker waits for before sending more; with Nagle on, delayed
 * acknowledgements hold them back and a subscriber receives several times more slowly. Paho
 * leaves the option as the factory made it, so clients pass their factory through
 * {@link #wrap}.
 */
public final class TcpNoDelay {

    private TcpNoDelay() {
    }

    /** {@code factory} (or the default plain factory when null) with TCP_NODELAY on every socket. */
    public static SocketFactory wrap(SocketFactory factory) {
        if (factory instanceof SSLSocketFactory ssl) {
            return new Ssl(ssl);
        }
        return new Plain(factory == null ? SocketFactory.getDefault() : factory);
    }

    private static Socket on(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }

    private static final class Plain extends SocketFactory {
        private final SocketFactory d;

        Plain(SocketFactory d) {
            this.d = d;
        }

        @Override
        public Socket createSocket() throws IOException {
            return on(d.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return on(d.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return on(d.createSocket(host, port, local, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return on(d.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return on(d.createSocket(host, port, local, localPort));
        }
    }

    private static final class Ssl extends SSLSocketFactory {
        private final SSLSocketFactory d;

        Ssl(SSLSocketFactory d) {
            this.d = d;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return d.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return d.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return on(d.createSocket());
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            on(s);
            return d.createSocket(s, host, port, autoClose);
        }

        @Override
        public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
            on(s);
            return d.createSocket(s, consumed, autoClose);
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return on(d.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return on(d.createSocket(host, port, local, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return on(d.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return on(d.createSocket(host, port, local, localPort));
        }
    }
}
