package org.openami.hal;

/**
 * Bytes arrived but cannot be trusted: a checksum or CRC mismatch, or a read-back
 * verification register that disagrees with what was sent. Retrying may succeed.
 */
public class IntegrityException extends BusException {
    public IntegrityException(String device, String message) {
        super(device, message);
    }
}
