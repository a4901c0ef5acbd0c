package org.openami.meter.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.fazecast.jSerialComm.SerialPort;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import org.openami.dlt645.Dlt645Decoder;
import org.openami.dlt645.Dlt645Frame;

/** A concentrator's side of a bus test: jSerialComm on the bus's /dev/pts/N, configured before opening. */
final class SerialMaster implements AutoCloseable {

    private final SerialPort port;

    SerialMaster(String path, LinkSettings settings) {
        port = SerialPort.getCommPort(path);
        port.setComPortParameters(settings.baud(), 8, SerialPort.ONE_STOP_BIT, SerialPort.EVEN_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 100, 0);
        assertThat(port.openPort()).as("jSerialComm opens %s (error %d)", path, port.getLastErrorCode()).isTrue();
    }

    void send(Dlt645Frame request) {
        byte[] wire = request.encode(4);
        assertThat(port.writeBytes(wire, wire.length)).isEqualTo(wire.length);
    }

    /** Everything that arrives until the line has been silent for {@code quiet}, or {@code patience} passed. */
    byte[] readUntilQuiet(Duration quiet, Duration patience) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[256];
        long deadline = System.nanoTime() + patience.toNanos();
        long last = System.nanoTime();
        while (System.nanoTime() < deadline) {
            int n = port.readBytes(buf, buf.length);
            if (n < 0) {
                break;
            }
            if (n > 0) {
                got.write(buf, 0, n);
                last = System.nanoTime();
            } else if (got.size() > 0 && System.nanoTime() - last > quiet.toNanos()) {
                break;
            }
        }
        return got.toByteArray();
    }

    /** The first valid frame within {@code patience}, or null. */
    Dlt645Frame readFrame(Duration patience) {
        Dlt645Decoder decoder = new Dlt645Decoder();
        byte[] buf = new byte[256];
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            int n = port.readBytes(buf, buf.length);
            if (n < 0) {
                return null;
            }
            List<Dlt645Frame> frames = decoder.feed(buf, 0, n);
            if (!frames.isEmpty()) {
                return frames.get(0);
            }
        }
        return null;
    }

    @Override
    public void close() {
        port.closePort();
    }
}
