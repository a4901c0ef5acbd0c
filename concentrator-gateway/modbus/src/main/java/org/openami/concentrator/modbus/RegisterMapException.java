package org.openami.concentrator.modbus;

/**
 * A register-map file is wrong. The message names the file, the entry (index and quantity)
 * and the field: {@code sdm630.json: entry 3 (VOLTAGE_B): field 'type': 'float64' is not one
 * of float32, int32, uint32, int16, uint16}.
 */
public class RegisterMapException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public RegisterMapException(String message) {
        super(message);
    }

    public RegisterMapException(String message, Throwable cause) {
        super(message, cause);
    }
}
