package org.openami.cloud.broker;

/**
 * An MQTT 5 broker with a mutual-TLS listener and, optionally, a plaintext one.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #start()} binds the listeners; it fails with a {@link BrokerException} before
 *       starting anything if a configured port is taken. A port configured as {@code 0} is
 *       chosen at the first start and kept for every later start of the same instance.</li>
 *   <li>{@link #stop()} shuts the broker down cleanly, saving persistent sessions and queued
 *       QoS 1 messages to the data directory; a later {@link #start()} on the same data
 *       directory serves them again. Stopping a stopped broker does nothing.</li>
 *   <li>{@link #tlsPort()} and {@link #plainPort()} return the ports in use (or chosen by the
 *       last start); before the first start they return the configured values.
 *       {@link #plainPort()} is {@code -1} when there is no plaintext listener.</li>
 * </ul>
 * Implementations are safe to call from several threads.
 */
public interface Broker extends AutoCloseable {

    /**
     * Starts the broker, or does nothing if it is running.
     *
     * @throws BrokerException if a port is taken, a TLS file is unusable or the broker does not come up
     */
    void start() throws BrokerException;

    /** Stops the broker and waits until its state is saved; does nothing if it is not running. */
    void stop();

    /** @return whether the broker is running */
    boolean running();

    /** @return the TLS listener's port */
    int tlsPort();

    /** @return the plaintext listener's port, or {@code -1} if there is none */
    int plainPort();

    /** @return {@code ssl://host:port} of the TLS listener */
    String tlsUri();

    /**
     * @return {@code tcp://host:port} of the plaintext listener
     * @throws IllegalStateException if the broker has no plaintext listener
     */
    String plainUri();

    /** Same as {@link #stop()}. */
    @Override
    void close();
}
