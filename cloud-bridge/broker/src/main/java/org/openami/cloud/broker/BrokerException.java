package org.openami.cloud.broker;

/**
 * A broker could not be started: a port is taken, a TLS file is missing, the configuration
 * could not be written, or the broker did not come up in time. The message names what is wrong.
 */
public final class BrokerException extends Exception {

    /** @param message what is wrong, naming the port, file or setting */
    public BrokerException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the port, file or setting
     * @param cause the underlying failure
     */
    public BrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
