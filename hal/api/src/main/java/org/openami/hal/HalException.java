package org.openami.hal;

/**
 * A hardware operation failed after the driver's bounded retries. The device that failed
 * is named in {@link #device()} so a log line or an event can say which part of the board
 * is in trouble.
 */
public class HalException extends Exception {
    private final String device;

    public HalException(String device, String message) {
        super(device + ": " + message);
        this.device = device;
    }

    public HalException(String device, String message, Throwable cause) {
        super(device + ": " + message, cause);
        this.device = device;
    }

    /** Short name of the failing device, for example {@code "ade7953@spi0.0"}. */
    public String device() {
        return device;
    }
}
