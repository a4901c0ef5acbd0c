package org.openami.meter.link;

import java.io.IOException;

/**
 * A serial port could not be opened (or found). The message names the port and, when
 * jSerialComm gave one, its error code (the C {@code errno}) and the native source line.
 */
public final class LinkException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String portPath;
    private final int errorCode;

    /**
     * @param portPath  the port, e.g. {@code /dev/ttyUSB0}
     * @param errorCode jSerialComm's {@code getLastErrorCode()}, or -1 if none
     * @param message   the full message
     * @param cause     the underlying exception, or null
     */
    public LinkException(String portPath, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.portPath = portPath;
        this.errorCode = errorCode;
    }

    /** The port that failed. */
    public String portPath() {
        return portPath;
    }

    /** jSerialComm's last error code (an {@code errno} on Linux), or -1 if there was none. */
    public int errorCode() {
        return errorCode;
    }

    /** The usual reasons behind an {@code errno} from opening a tty, for the message. */
    static String explain(int errno) {
        return switch (errno) {
            case 2 -> "no such device";
            case 5 -> "I/O error (device gone?)";
            case 13 -> "permission denied (is the user in the dialout group?)";
            case 16 -> "device busy (another program has it open)";
            case 19, 6 -> "no such device or address";
            case 22 -> "settings rejected";
            case 25 -> "not a serial device";
            default -> "see errno";
        };
    }
}
