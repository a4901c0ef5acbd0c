package org.openami.cloud.broker;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;

/**
 * The ports of one broker instance. A configured port is checked to be free before each start;
 * a port configured as {@code 0} is picked free at the first start and kept once a start has
 * succeeded, so later starts use the same ports. Until then a pick can be dropped and redone
 * (another process may take a picked port between the pick and the broker's bind).
 */
final class ListenerPorts {

    private final String host;
    private final boolean tlsAuto;
    private final boolean plainAuto;
    private int tls;
    private int plain;
    private boolean confirmed;

    ListenerPorts(BrokerSettings settings) {
        host = settings.host();
        tls = settings.tlsPort();
        plain = settings.plainPort();
        tlsAuto = tls == 0;
        plainAuto = plain == 0;
    }

    int tls() {
        return tls;
    }

    int plain() {
        return plain;
    }

    /**
     * Makes every port concrete and checks it is free.
     *
     * @throws BrokerException "port N on HOST is already in use", or the host does not resolve
     */
    void resolve() throws BrokerException {
        if (tls == 0) {
            tls = pickFree(host, plain);
        } else {
            requireFree(host, tls);
        }
        if (plain == 0) {
            plain = pickFree(host, tls);
        } else if (plain > 0) {
            requireFree(host, plain);
        }
    }

    /** @return whether a failed bind may be retried on other ports (some port was picked and never used) */
    boolean canRepick() {
        return !confirmed && (tlsAuto || plainAuto);
    }

    /** Forgets picked ports that were never used by a successful start. */
    void repick() {
        if (!confirmed) {
            if (tlsAuto) {
                tls = 0;
            }
            if (plainAuto) {
                plain = 0;
            }
        }
    }

    /** Keeps the current ports for every later start. */
    void confirm() {
        confirmed = true;
    }

    /** @return the message for a port that is taken */
    static String inUse(String host, int port) {
        return "port " + port + " on " + host + " is already in use";
    }

    static InetAddress address(String host) throws BrokerException {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new BrokerException("host '" + host + "' cannot be resolved", e);
        }
    }

    /** @throws BrokerException if something listens on the port or it cannot be bound */
    static void requireFree(String host, int port) throws BrokerException {
        InetAddress address = address(host);
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
        } catch (BindException e) {
            throw new BrokerException(inUse(host, port), e);
        } catch (IOException e) {
            throw new BrokerException("cannot bind port " + port + " on " + host + ": " + e.getMessage(), e);
        }
    }

    private static int pickFree(String host, int avoid) throws BrokerException {
        InetAddress address = address(host);
        for (int attempt = 0; attempt < 10; attempt++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(address, 0));
                int port = socket.getLocalPort();
                if (port != avoid) {
                    return port;
                }
            } catch (IOException e) {
                throw new BrokerException("cannot find a free port on " + host + ": " + e.getMessage(), e);
            }
        }
        throw new BrokerException("cannot find a free port on " + host);
    }

    /** @return whether a TCP connection to the port succeeds within the timeout */
    static boolean accepts(String host, int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return {@code host:port}, with an IPv6 literal in brackets */
    static String authority(String host, int port) {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
