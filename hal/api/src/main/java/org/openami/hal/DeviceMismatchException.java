package org.openami.hal;

/**
 * The device on the bus is not the one the driver was configured for (wrong identity or
 * version register, or no chip at all). Retrying does not help; check wiring and config.
 */
public class DeviceMismatchException extends HalException {
    public DeviceMismatchException(String device, String message) {
        super(device, message);
    }
}
