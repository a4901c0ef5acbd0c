package org.openami.hal.driver.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.time.Duration;
import org.openami.hal.BusException;

/** A {@link SerialLine} on a tty (real UART, USB adapter or pseudo-terminal) through jSerialComm. */
public final class JSerialCommLine implements SerialLine {

    private final SerialPort port;
    private final String name;

    private JSerialCommLine(SerialPort port, String name) {
        this.port = port;
        this.name = name;
    }

    /**
     * Opens {@code path} (for example {@code /dev/ttyAMA0} or {@code /dev/pts/3}).
     *
     * @throws BusException if the port does not exist or cannot be opened
     */
    public static JSerialCommLine open(String path, UartSettings settings) throws BusException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (RuntimeException e) {
            throw new BusException(path, "no such serial port: " + e.getMessage(), e);
        }
        port.setComPortParameters(settings.baud(), settings.dataBits(), stopBits(settings.stopBits()), parity(settings.parity()));
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        if (!port.openPort()) {
            throw new BusException(path, "cannot open serial port (error " + port.getLastErrorCode() + ")");
        }
        return new JSerialCommLine(port, path);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void write(byte[] data) throws BusException {
        int n = port.writeBytes(data, data.length);
        if (n != data.length) {
            throw new BusException(name, "wrote " + n + " of " + data.length + " bytes");
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int len, Duration timeout) throws BusException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int got = 0;
        while (got < len) {
            long leftMs = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            if (System.nanoTime() >= deadline) {
                break;
            }
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, (int) Math.min(leftMs, Integer.MAX_VALUE), 0);
            byte[] chunk = new byte[len - got];
            int n = port.readBytes(chunk, chunk.length);
            if (n < 0) {
                throw new BusException(name, "read failed (error " + port.getLastErrorCode() + ")");
            }
            System.arraycopy(chunk, 0, buffer, offset + got, n);
            got += n;
        }
        return got;
    }

    @Override
    public void discardInput() throws BusException {
        port.setComPortTimeouts(SerialPort.TIMEOUT_NONBLOCKING, 0, 0);
        byte[] sink = new byte[256];
        int n;
        do {
            n = port.readBytes(sink, sink.length);
            if (n < 0) {
                throw new BusException(name, "read failed (error " + port.getLastErrorCode() + ")");
            }
        } while (n > 0);
    }

    @Override
    public void close() {
        port.closePort();
    }

    private static int stopBits(int bits) {
        return bits == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT;
    }

    private static int parity(UartSettings.Parity p) {
        return switch (p) {
            case NONE -> SerialPort.NO_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
        };
    }
}
