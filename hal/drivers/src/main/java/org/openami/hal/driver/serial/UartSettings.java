package org.openami.hal.driver.serial;

/** Character format of a UART line. */
public record UartSettings(int baud, int dataBits, Parity parity, int stopBits) {

    public enum Parity { NONE, EVEN, ODD }

    public UartSettings {
        if (baud < 300 || baud > 4_000_000) {
            throw new IllegalArgumentException("baud out of 300..4000000: " + baud);
        }
        if (dataBits < 5 || dataBits > 8 || stopBits < 1 || stopBits > 2) {
            throw new IllegalArgumentException("unsupported character format " + dataBits + "/" + stopBits);
        }
    }

    /** Bits on the wire for one byte: start + data + parity + stop. */
    public int bitsPerByte() {
        return 1 + dataBits + (parity == Parity.NONE ? 0 : 1) + stopBits;
    }

    /** Time one byte takes on the wire, in nanoseconds. */
    public long byteNanos() {
        return 1_000_000_000L * bitsPerByte() / baud;
    }

    public static UartSettings of8N1(int baud) {
        return new UartSettings(baud, 8, Parity.NONE, 1);
    }

    public static UartSettings of8E1(int baud) {
        return new UartSettings(baud, 8, Parity.EVEN, 1);
    }
}
