package org.openami.hal;

/** The bus transfer itself failed (I/O error, timeout, short read, device absent). */
public class BusException extends HalException {
    public BusException(String device, String message) {
        super(device, message);
    }

    public BusException(String device, String message, Throwable cause) {
        super(device, message, cause);
    }
}
