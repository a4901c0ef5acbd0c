package org.openami.cloud.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories whose sockets have TCP_NODELAY set. Paho leaves Nagle's algorithm on, which
 * holds back a subscriber's small PUBACKs; HiveMQ sends the next QoS 1 messages only as PUBACKs
 * come in, so delivery from HiveMQ is several times faster with these (see the benchmark).
 */
final class NoDelaySockets {

    private NoDelaySockets() {
    }

    /** @return a plaintext factory */
    static SocketFactory plain() {
        return new Plain();
    }

    /** @return a TLS factory delegating to the given one */
    static SSLSocketFactory tls(SSLSocketFactory delegate) {
        return new Tls(delegate);
    }

    private static Socket noDelay(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }

    private static final class Plain extends SocketFactory {
        @Override
        public Socket createSocket() throws IOException {
            return noDelay(new Socket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(new Socket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(new Socket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(new Socket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress localAddress, int localPort) throws IOException {
            return noDelay(new Socket(host, port, localAddress, localPort));
        }
    }

    private static final class Tls extends SSLSocketFactory {
        private final SSLSocketFactory delegate;

        Tls(SSLSocketFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return noDelay(delegate.createSocket(s, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return noDelay(delegate.createSocket(address, port, localAddress, localPort));
        }
    }
}
