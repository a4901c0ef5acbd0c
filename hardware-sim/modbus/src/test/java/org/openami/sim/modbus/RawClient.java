package org.openami.sim.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fazecast.jSerialComm.SerialPort;
import java.io.ByteArrayOutputStream;
import java.time.Duration;

/** A second client on the pty writing raw bytes, as a sniffer or a misbehaving master would. */
final class RawClient implements AutoCloseable {

    private final SerialPort port;

    private RawClient(SerialPort port) {
        this.port = port;
    }

    static RawClient open(String path) {
        SerialPort port = SerialPort.getCommPort(path);
        port.setComPortParameters(9600, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 50, 0);
        assertThat(port.openPort()).as("jSerialComm opens %s", path).isTrue();
        return new RawClient(port);
    }

    void write(byte[] bytes) {
        assertThat(port.writeBytes(bytes, bytes.length)).isEqualTo(bytes.length);
    }

    byte[] ask(byte[] request, int replyLength) {
        drain();
        write(request);
        return read(replyLength, Duration.ofSeconds(2));
    }

    void drain() {
        byte[] buf = new byte[512];
        while (port.bytesAvailable() > 0) {
            port.readBytes(buf, buf.length);
        }
    }

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
