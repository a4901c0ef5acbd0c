package org.openami.cloud.pki;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An {@link SSLContext} whose sockets and engines speak TLS 1.3 only. JSSE's "TLSv1.3" context
 * still enables TLS 1.2 by default, and its defaults can only be changed JVM-wide, so this
 * context wraps one and sets the protocol on everything it creates. Besides:
 * <ul>
 * <li>server sockets require a client certificate ({@code needClientAuth});</li>
 * <li>client sockets from {@link #getSocketFactory()} check the server's host name against its
 *     certificate (endpoint identification "HTTPS"), as a browser would, and have TCP_NODELAY
 *     on;</li>
 * <li>engines are left to the caller for both (the context cannot know the engine's side).</li>
 * </ul>
 */
final class Tls13Only extends SSLContext {

    static final String PROTOCOL = "TLSv1.3";
    static final String ENDPOINT_IDENTIFICATION = "HTTPS";

    Tls13Only(SSLContext delegate) {
        super(new Spi(delegate), delegate.getProvider(), PROTOCOL);
    }

    static SSLParameters restrict(SSLParameters p) {
        p.setProtocols(new String[] {PROTOCOL});
        return p;
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext delegate;

        Spi(SSLContext delegate) {
            this.delegate = delegate;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            delegate.init(km, tm, sr);
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return new ClientFactory(delegate.getSocketFactory());
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return new ServerFactory(delegate.getServerSocketFactory());
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            SSLEngine e = delegate.createSSLEngine();
            e.setEnabledProtocols(new String[] {PROTOCOL});
            return e;
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            SSLEngine e = delegate.createSSLEngine(host, port);
            e.setEnabledProtocols(new String[] {PROTOCOL});
            return e;
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return delegate.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return delegate.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return restrict(delegate.getDefaultSSLParameters());
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return restrict(delegate.getSupportedSSLParameters());
        }
    }

    /**
     * Client sockets: TLS 1.3 only, host name checked, Nagle's algorithm off (the clients are
     * MQTT clients, whose QoS 1 acknowledgements are small packets a broker waits for).
     */
    private static final class ClientFactory extends SSLSocketFactory {
        private final SSLSocketFactory delegate;

        ClientFactory(SSLSocketFactory delegate) {
            this.delegate = delegate;
        }

        private static Socket client(Socket s) throws IOException {
            s.setTcpNoDelay(true);
            SSLSocket ssl = (SSLSocket) s;
            SSLParameters p = restrict(ssl.getSSLParameters());
            p.setEndpointIdentificationAlgorithm(ENDPOINT_IDENTIFICATION);
            ssl.setSSLParameters(p);
            return ssl;
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
            return client(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return client(delegate.createSocket(s, host, port, autoClose));
        }

        @Override
        public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
            // layering over an accepted connection: the server side, where no host name is checked
            SSLSocket ssl = (SSLSocket) delegate.createSocket(s, consumed, autoClose);
            ssl.setEnabledProtocols(new String[] {PROTOCOL});
            return ssl;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return client(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return client(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return client(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return client(delegate.createSocket(address, port, localAddress, localPort));
        }
    }

    /** Server sockets: TLS 1.3 only, client certificate required. */
    private static final class ServerFactory extends SSLServerSocketFactory {
        private final SSLServerSocketFactory delegate;

        ServerFactory(SSLServerSocketFactory delegate) {
            this.delegate = delegate;
        }

        private static ServerSocket server(ServerSocket s) {
            SSLServerSocket ssl = (SSLServerSocket) s;
            ssl.setEnabledProtocols(new String[] {PROTOCOL});
            ssl.setNeedClientAuth(true);
            return ssl;
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
        public ServerSocket createServerSocket() throws IOException {
            return server(delegate.createServerSocket());
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return server(delegate.createServerSocket(port));
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog) throws IOException {
            return server(delegate.createServerSocket(port, backlog));
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog, InetAddress ifAddress) throws IOException {
            return server(delegate.createServerSocket(port, backlog, ifAddress));
        }
    }
}
