package org.openami.concentrator.channel;

import java.util.Locale;
import java.util.Objects;

/**
 * Character framing on an asynchronous serial line, written as installers write it:
 * {@code 2400-8E1} (baud, data bits, parity N/E/O, stop bits).
 *
 * @param baud     bits per second, 300..115200
 * @param dataBits 7 or 8
 * @param parity   none, even or odd
 * @param stopBits 1 or 2
 */
public record LineSettings(int baud, int dataBits, Parity parity, int stopBits) {

    /** DL/T 645-2007 default: 2400 baud, 8 data bits, even parity, 1 stop bit. */
    public static final LineSettings DLT645_DEFAULT = new LineSettings(2400, 8, Parity.EVEN, 1);
    /** The usual Modbus RTU setting of C&amp;I meters: 9600 8N1. */
    public static final LineSettings MODBUS_DEFAULT = new LineSettings(9600, 8, Parity.NONE, 1);

    /** Parity bit. */
    public enum Parity { NONE, EVEN, ODD }

    public LineSettings {
        Objects.requireNonNull(parity, "parity");
        if (baud < 300 || baud > 115_200) {
            throw new IllegalArgumentException("baud " + baud + " is outside 300..115200");
        }
        if (dataBits != 7 && dataBits != 8) {
            throw new IllegalArgumentException("data bits " + dataBits + " is not 7 or 8");
        }
        if (stopBits != 1 && stopBits != 2) {
            throw new IllegalArgumentException("stop bits " + stopBits + " is not 1 or 2");
        }
    }

    /**
     * Parses {@code 2400-8E1} (case-insensitive; a space may replace the dash).
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static LineSettings parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim().toUpperCase(Locale.ROOT).replace(' ', '-');
        int dash = t.indexOf('-');
        if (dash <= 0 || t.length() - dash != 4) {
            throw new IllegalArgumentException("serial settings '" + text + "' are not like 2400-8E1");
        }
        int baud;
        try {
            baud = Integer.parseInt(t.substring(0, dash));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("serial settings '" + text + "': baud is not a number", e);
        }
        char bits = t.charAt(dash + 1);
        char par = t.charAt(dash + 2);
        char stop = t.charAt(dash + 3);
        Parity parity = switch (par) {
            case 'N' -> Parity.NONE;
            case 'E' -> Parity.EVEN;
            case 'O' -> Parity.ODD;
            default -> throw new IllegalArgumentException(
                    "serial settings '" + text + "': parity '" + par + "' is not N, E or O");
        };
        if (!Character.isDigit(bits) || !Character.isDigit(stop)) {
            throw new IllegalArgumentException("serial settings '" + text + "' are not like 2400-8E1");
        }
        try {
            return new LineSettings(baud, bits - '0', parity, stop - '0');
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("serial settings '" + text + "': " + e.getMessage(), e);
        }
    }

    /** Bits one character takes on the wire: start + data + parity + stop. */
    public int bitsPerByte() {
        return 1 + dataBits + (parity == Parity.NONE ? 0 : 1) + stopBits;
    }

    /** Nanoseconds {@code bytes} back-to-back characters take on the wire, rounded up. */
    public long wireNanos(int bytes) {
        return ((long) bytes * bitsPerByte() * 1_000_000_000L + baud - 1) / baud;
    }

    @Override
    public String toString() {
        return baud + "-" + dataBits + parity.name().charAt(0) + stopBits;
    }
}
