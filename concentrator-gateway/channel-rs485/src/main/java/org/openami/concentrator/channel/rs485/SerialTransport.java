package org.openami.concentrator.channel.rs485;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortDataListener;
import com.fazecast.jSerialComm.SerialPortEvent;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openami.concentrator.channel.LineSettings;
import org.openami.concentrator.channel.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serial port as a {@link Transport}, through jSerialComm. The port opens on the first
 * {@link #configure}; a changed framing reopens it (configuring before opening is what
 * pseudo-terminals with parity require, and what jSerialComm recommends). After an I/O error
 * the port is closed and reopened by the next {@link #configure} with a short back-off.
 *
 * <p>Used from one thread (the channel's worker), except {@link #close()}.
 */
public final class SerialTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(SerialTransport.class);
    private static final long REOPEN_BACKOFF_NANOS = 10_000_000L;

    private final String portPath;
    private final Rs485Options options;
    private SerialPort port;
    private LineSettings line;
    private volatile boolean closed;
    private long lastCloseNanos;
    private final Semaphore dataArrived = new Semaphore(0);

    /**
     * @param portPath e.g. {@code /dev/ttyUSB0}, {@code /dev/ttyS1}, {@code /dev/pts/3}
     * @param options  RS-485 mode and echo handling
     */
    public SerialTransport(String portPath, Rs485Options options) {
        this.portPath = Objects.requireNonNull(portPath, "portPath");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public void configure(LineSettings settings) throws IOException {
        Objects.requireNonNull(settings, "settings");
        if (closed) {
            throw new IOException(portPath + " is closed");
        }
        if (port != null && settings.equals(line)) {
            return;
        }
        closePort();
        long wait = lastCloseNanos + REOPEN_BACKOFF_NANOS - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        SerialPort p;
        try {
            p = SerialPort.getCommPort(portPath);
        } catch (RuntimeException e) {
            throw new IOException("serial port " + portPath + " does not exist", e);
        }
        int parity = switch (settings.parity()) {
            case NONE -> SerialPort.NO_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
        };
        int stop = settings.stopBits() == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT;
        p.setComPortParameters(settings.baud(), settings.dataBits(), stop, parity, options.rs485Mode());
        if (options.rs485Mode()) {
            p.setRs485ModeParameters(true, options.rtsActiveHigh(), false, false,
                    options.delayBeforeSendMicros(), options.delayAfterSendMicros());
        }
        p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        // Non-blocking reads woken by a data-available event: jSerialComm's blocking read
        // timeouts are termios VTIME, whole tenths of a second, too coarse for a 20 ms turnaround.
        p.setComPortTimeouts(SerialPort.TIMEOUT_NONBLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 0, 0);
        if (!p.openPort()) {
            throw new IOException("cannot open serial port " + portPath + " (" + settings + "): jSerialComm error "
                    + p.getLastErrorCode() + " at native line " + p.getLastErrorLocation());
        }
        dataArrived.drainPermits();
        if (!p.addDataListener(new SerialPortDataListener() {
            @Override
            public int getListeningEvents() {
                return SerialPort.LISTENING_EVENT_DATA_AVAILABLE;
            }

            @Override
            public void serialEvent(SerialPortEvent event) {
                dataArrived.release();
            }
        })) {
            p.closePort();
            throw new IOException("cannot watch serial port " + portPath + " for data: jSerialComm error "
                    + p.getLastErrorCode());
        }
        port = p;
        line = settings;
        LOG.debug("{} open at {}{}", portPath, settings, options.rs485Mode() ? " (RS-485 mode)" : "");
    }

    @Override
    public void write(byte[] frame) throws IOException {
        SerialPort p = open();
        int n = p.writeBytes(frame, frame.length);
        if (n != frame.length) {
            fail("wrote " + n + " of " + frame.length + " bytes");
        }
        if (options.echo()) {
            readEcho(p, frame);
        }
    }

    /** Reads our own frame back from a 2-wire adapter and checks it. */
    private void readEcho(SerialPort p, byte[] frame) throws IOException {
        byte[] echo = new byte[frame.length];
        int got = 0;
        long deadline = System.nanoTime() + line.wireNanos(frame.length) + 200_000_000L;
        while (got < frame.length && System.nanoTime() - deadline < 0) {
            int n = read(echo, got, deadline - System.nanoTime());
            if (n <= 0) {
                break;
            }
            got += n;
        }
        if (got < frame.length || !Arrays.equals(echo, frame)) {
            fail("echo of the request was " + got + " of " + frame.length + " bytes"
                    + (got == frame.length ? " and differed (bus collision?)" : ""));
        }
    }

    @Override
    public int read(byte[] buf, long timeoutNanos) throws IOException {
        return read(buf, 0, timeoutNanos);
    }

    private int read(byte[] buf, int off, long timeoutNanos) throws IOException {
        SerialPort p = open();
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            dataArrived.drainPermits();
            int n = p.readBytes(buf, buf.length - off, off);
            if (n < 0) {
                if (closed) {
                    throw new IOException(portPath + " closed");
                }
                fail("read failed (jSerialComm error " + p.getLastErrorCode() + ")");
            }
            if (n > 0) {
                return n;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return 0;
            }
            try {
                // a byte arriving after the read above releases a permit: no wake-up is lost
                dataArrived.tryAcquire(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException(portPath + ": interrupted while reading");
            }
            if (closed) {
                throw new IOException(portPath + " closed");
            }
        }
    }

    @Override
    public void discardInput() throws IOException {
        SerialPort p = open();
        byte[] scratch = new byte[256];
        int avail;
        while ((avail = p.bytesAvailable()) > 0) {
            if (p.readBytes(scratch, Math.min(avail, scratch.length)) < 0) {
                fail("read failed while discarding input");
            }
        }
    }

    @Override
    public String describe() {
        return portPath + (options.rs485Mode() ? " (RS-485 mode)" : "");
    }

    @Override
    public void close() {
        closed = true;
        closePort();
        dataArrived.release(); // wakes a read waiting for data
    }

    private SerialPort open() throws IOException {
        SerialPort p = port;
        if (p == null) {
            if (closed) {
                throw new IOException(portPath + " closed");
            }
            if (line == null) {
                throw new IOException(portPath + " is not configured");
            }
            LineSettings l = line;
            line = null;
            configure(l);
            p = port;
        }
        return p;
    }

    private void fail(String why) throws IOException {
        closePort();
        throw new IOException(portPath + ": " + why);
    }

    private synchronized void closePort() {
        if (port != null) {
            port.removeDataListener();
            port.closePort();
            port = null;
            lastCloseNanos = System.nanoTime();
        }
    }

    @Override
    public String toString() {
        return "SerialTransport[" + describe() + (line == null ? "" : ", " + line) + "]";
    }
}
