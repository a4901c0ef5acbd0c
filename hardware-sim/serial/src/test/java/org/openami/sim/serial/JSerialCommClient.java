package org.openami.sim.serial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fazecast.jSerialComm.SerialPort;
import java.io.ByteArrayOutputStream;
import java.time.Duration;

/** The client side of a test: a pty slave opened by jSerialComm like a real UART at 9600 8E1. */
final class JSerialCommClient implements AutoCloseable {

    final SerialPort port;

    private JSerialCommClient(SerialPort port) {
        this.port = port;
    }

    static JSerialCommClient open(String path) {
        SerialPort port = SerialPort.getCommPort(path);
        port.setComPortParameters(9600, 8, SerialPort.ONE_STOP_BIT, SerialPort.EVEN_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 500, 0);
        boolean opened = port.openPort();
        assertThat(opened)
                .as("jSerialComm opens %s (error code %d at native line %d)",
                        path, port.getLastErrorCode(), port.getLastErrorLocation())
                .isTrue();
        return new JSerialCommClient(port);
    }

    void write(byte[] bytes) {
        assertThat(port.writeBytes(bytes, bytes.length)).as("bytes written by jSerialComm").isEqualTo(bytes.length);
    }

    /** Reads until {@code n} bytes came or {@code patience} passed; returns what came. */
    byte[] read(int n, Duration patience) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + patience.toNanos();
        byte[] buf = new byte[n];
        while (got.size() < n && System.nanoTime() < deadline) {
            int r = port.readBytes(buf, n - got.size());
            if (r < 0) {
                break;
            }
            got.write(buf, 0, r);
        }
        return got.toByteArray();
    }

    @Override
    public void close() {
        port.closePort();
    }
}
