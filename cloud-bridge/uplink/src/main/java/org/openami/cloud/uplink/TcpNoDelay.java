package org.openami.cloud.uplink;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain-TCP sockets with Nagle's algorithm off, for {@code tcp://} brokers (benchmarks, demos).
 * MQTT at QoS 1 sends many small packets (PUBACKs) that a broker waits for before sending more;
 * with Nagle on, delayed acknowledgements hold them back and delivery is several times slower.
 * TLS clients get the same from the project's TLS contexts ({@code org.openami.cloud.pki}).
 */
public final class TcpNoDelay extends SocketFactory {

    private static final TcpNoDelay INSTANCE = new TcpNoDelay();

    private TcpNoDelay() {
    }

    /** {@code factory} itself when given (TLS), else plain sockets with TCP_NODELAY. */
    public static SocketFactory orPlain(SocketFactory factory) {
        return factory != null ? factory : INSTANCE;
    }

    private static Socket on(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }

    @Override
    public Socket createSocket() throws IOException {
        return on(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return on(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
        return on(new Socket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return on(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
        return on(new Socket(host, port, local, localPort));
    }
}
