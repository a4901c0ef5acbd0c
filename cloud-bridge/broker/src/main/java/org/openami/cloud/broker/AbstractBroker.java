package org.openami.cloud.broker;

import java.util.Objects;

/**
 * What every {@link Broker} here shares: its settings, its listener ports (chosen once and kept
 * across restarts) and the URIs clients connect to.
 */
public abstract class AbstractBroker implements Broker {

    /** The settings this broker was made with. */
    protected final BrokerSettings settings;
    /** The ports of its listeners. */
    protected final ListenerPorts ports;

    protected AbstractBroker(BrokerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ports = new ListenerPorts(settings);
    }

    @Override
    public synchronized int tlsPort() {
        return ports.tls();
    }

    @Override
    public synchronized int plainPort() {
        return ports.plain();
    }

    @Override
    public synchronized String tlsUri() {
        return "ssl://" + ListenerPorts.authority(settings.host(), ports.tls());
    }

    @Override
    public synchronized String plainUri() {
        if (!settings.hasPlainListener()) {
            throw new IllegalStateException("this broker has no plaintext listener (plainPort = -1)");
        }
        return "tcp://" + ListenerPorts.authority(settings.host(), ports.plain());
    }

    /** @return a port of ours that something else holds now (we lost a race for it), or 0 */
    protected int takenPort() {
        for (int port : new int[] {ports.tls(), ports.plain()}) {
            if (port > 0) {
                try {
                    ListenerPorts.requireFree(settings.host(), port);
                } catch (BrokerException e) {
                    return port;
                }
            }
        }
        return 0;
    }

    /** @return the settings this broker was made with */
    public BrokerSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + tlsUri() + (running() ? ", running" : ", stopped") + "]";
    }

    /** A listener could not bind: its port was taken between the check and the broker's bind. */
    static final class PortNotBound extends Exception {
        final int port;

        PortNotBound(int port) {
            super("port " + port + " not bound", null, false, false);
            this.port = port;
        }
    }
}
