package org.openami.meter.link;

import com.fazecast.jSerialComm.SerialPort;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.openami.dlt645.Dlt645Decoder;
import org.openami.dlt645.Dlt645Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DL/T 645-2007 slave (the meter's side) on a real serial port through jSerialComm: a
 * {@code /dev/ttyS*} UART, a USB RS-485 adapter, or a {@code /dev/pts/N} in tests.
 *
 * <p><b>Threads.</b> {@link #open} starts one daemon reader thread,
 * {@code dlt645-slave-<port>} (e.g. {@code dlt645-slave-ttyUSB0}, {@code dlt645-slave-pts/3}).
 * It reads with jSerialComm semi-blocking timeouts of {@value #READ_TIMEOUT_MILLIS} ms,
 * feeds one {@link Dlt645Decoder}, calls the {@link FrameHandler} for each valid request and
 * writes the reply, all on that thread: the link is half duplex, and bytes that arrive
 * while it answers wait in the kernel's buffer. {@link #statistics()} and {@link #close()}
 * may be called from any thread.
 *
 * <p><b>Framing.</b> Noise, FE preambles, truncated frames, bad checksums and impossible
 * lengths are dropped without a reply; the decoder resynchronises, so a valid frame right
 * after damaged bytes is answered at once, without waiting for the inter-byte timeout.
 * A silence longer than {@link LinkSettings#interByteTimeout()} in the middle of a frame
 * drops it (noticed within one read timeout). Memory is bounded: one decoder window, one
 * read buffer, one reply.
 *
 * <p><b>Timing.</b> The end of a request is the {@link System#nanoTime()} at which the read
 * that completed it returned. The reply (preamble and frame, one write) starts no earlier
 * than {@link LinkSettings#turnaround()} after that, as soon as possible after it (a
 * {@link LockSupport#parkNanos} sleep), or right away if the handler took longer. A reply
 * that would start more than {@link LinkSettings#MAX_TURNAROUND} after the request is
 * withheld (the master has given up and may be sending again). Replies to a broadcast are
 * never sent. Both count as {@link LinkStatistics#repliesWithheld()}.
 *
 * <p><b>Baud change.</b> For a {@link SlaveReply#thenChangeBaud} reply the link waits
 * until the reply has left the wire (its wire time, then the kernel's output queue), then
 * sets the new rate on the open port. If jSerialComm's setter returns false (on a pty with
 * parity it does, with error 22, whenever the settings it reapplies change no termios flag
 * word, e.g. the same rate again, although the kernel took them), the port is closed and
 * reopened at the new rate after a 10 ms back-off (logged, counted in
 * {@link LinkStatistics#portReopens()}). A master should leave the meter some 50 ms after
 * the reply before talking at the new rate.
 *
 * <p><b>Failures.</b> A handler exception is counted and logged in one line; the thread goes
 * on. A read error (adapter unplugged) closes the port and reopens it with a growing
 * back-off (10 ms to 1 s) until it works or the link is closed. Only {@link #open} throws.
 */
public final class SerialSlaveLink implements AutoCloseable {

    /** jSerialComm semi-blocking read timeout; Linux rounds it up to 100 ms steps (VTIME) anyway. */
    static final int READ_TIMEOUT_MILLIS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(SerialSlaveLink.class);
    private static final long ECHO_SLACK_NANOS = Duration.ofMillis(200).toNanos();
    private static final long WRITE_SLACK_NANOS = Duration.ofMillis(500).toNanos();
    private static final long REOPEN_BACKOFF_NANOS = Duration.ofMillis(10).toNanos();
    private static final long MAX_REOPEN_BACKOFF_NANOS = Duration.ofSeconds(1).toNanos();
    private static final long DRAIN_LIMIT_NANOS = Duration.ofSeconds(2).toNanos();
    private static final long JOIN_MILLIS = 2_000;
    /** Characters a UART may still hold in its transmit FIFO after the kernel's queue is empty. */
    private static final int UART_FIFO = 16;
    private static final int READ_BUFFER = 512;

    private final String path;
    private final LinkOptions options;
    private final FrameHandler handler;
    private final SerialPort port;
    private final Dlt645Decoder decoder;
    private final long idleLimitNanos;
    private final EchoFilter echo = new EchoFilter();
    private final StatisticsRecorder stats = new StatisticsRecorder();
    private final Thread reader;
    private volatile LinkSettings settings;
    private volatile boolean closing;

    private SerialSlaveLink(String path, SerialPort port, LinkSettings settings, LinkOptions options,
            FrameHandler handler) {
        this.path = path;
        this.port = port;
        this.settings = settings;
        this.options = options;
        this.handler = handler;
        this.idleLimitNanos = settings.interByteTimeout().toNanos();
        this.decoder = new Dlt645Decoder(settings.interByteTimeout(),
                e -> LOG.debug("{}: dropped {}", path, e.getMessage()));
        this.reader = new Thread(this::run, "dlt645-slave-" + path.replaceFirst("^/dev/", ""));
        this.reader.setDaemon(true);
    }

    /** Same as {@link #open(String, LinkSettings, LinkOptions, FrameHandler)} with {@link LinkOptions#defaults()}. */
    public static SerialSlaveLink open(String portPath, LinkSettings settings, FrameHandler handler)
            throws LinkException {
        return open(portPath, settings, LinkOptions.defaults(), handler);
    }

    /**
     * Configures {@code portPath} (before opening it, as jSerialComm recommends and as ptys
     * with parity require), opens it and starts the reader thread. Blocks only for the open.
     *
     * @param portPath e.g. {@code /dev/ttyUSB0} or {@code /dev/pts/3}
     * @param settings line settings
     * @param options  RS-485 mode and echo suppression
     * @param handler  the meter's protocol engine
     * @return the running link; the caller must {@link #close()} it
     * @throws LinkException if the port does not exist or cannot be opened; the message names
     *                       the port and jSerialComm's error code
     */
    public static SerialSlaveLink open(String portPath, LinkSettings settings, LinkOptions options,
            FrameHandler handler) throws LinkException {
        Objects.requireNonNull(portPath, "portPath");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(handler, "handler");
        SerialPort port;
        try {
            port = SerialPort.getCommPort(portPath);
        } catch (RuntimeException e) {
            throw new LinkException(portPath, -1, "cannot open serial port " + portPath + ": no such port", e);
        }
        configure(port, settings, options);
        if (!port.openPort()) {
            int code = port.getLastErrorCode();
            throw new LinkException(portPath, code, "cannot open serial port " + portPath + " (" + settings + "): "
                    + LinkException.explain(code) + " (jSerialComm error code " + code + ", native line "
                    + port.getLastErrorLocation() + ")", null);
        }
        SerialSlaveLink link = new SerialSlaveLink(portPath, port, settings, options, handler);
        link.reader.start();
        LOG.info("DL/T 645 slave on {} at {}{}{}", portPath, settings, options.rs485() ? ", RS-485 mode" : "",
                options.ignoreEcho() ? ", ignoring echo" : "");
        return link;
    }

    /** The port this link was opened on. */
    public String path() {
        return path;
    }

    /** The current line settings: those given to {@link #open}, at the rate of the last baud change. */
    public LinkSettings settings() {
        return settings;
    }

    /** A snapshot of the counters. Thread-safe, does not block beyond a short lock. */
    public LinkStatistics statistics() {
        return stats.snapshot();
    }

    /**
     * Stops the reader thread and closes the port. Returns within about one read timeout
     * ({@value #READ_TIMEOUT_MILLIS} ms) plus the time a handler call in progress needs;
     * after 2 s it gives up waiting for a stuck handler and closes the port under it.
     * Idempotent; may be called from any thread, including from the handler (then the
     * thread ends after the handler returns).
     */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(reader);
        if (Thread.currentThread() == reader) {
            return;
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + JOIN_MILLIS * 1_000_000;
        while (reader.isAlive() && deadline - System.nanoTime() > 0) {
            try {
                reader.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (reader.isAlive()) {
            LOG.warn("{}: reader thread did not stop within {} ms (handler stuck?); closing the port under it", path,
                    JOIN_MILLIS);
            port.closePort();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "SerialSlaveLink[" + path + ", " + settings + (closing ? ", closed]" : "]");
    }

    private static void configure(SerialPort port, LinkSettings s, LinkOptions options) {
        int parity = switch (s.parity()) {
            case NONE -> SerialPort.NO_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
        };
        int stopBits = s.stopBits() == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT;
        port.setComPortParameters(s.baud(), s.dataBits(), stopBits, parity, options.rs485());
        if (options.rs485()) {
            // RTS high while sending, no termination change, receiver off while sending, no extra delays
            port.setRs485ModeParameters(true, true, false, false, 0, 0);
        }
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MILLIS, 0);
    }

    private void run() {
        byte[] buf = new byte[READ_BUFFER];
        byte[] filtered = new byte[echo.maxOutput(READ_BUFFER) + Dlt645Frame.MAX_FRAME_BYTES + LinkSettings.MAX_PREAMBLE];
        int[] ignored = new int[1];
        long lastByte = System.nanoTime();
        try {
            while (!closing) {
                int n = port.readBytes(buf, buf.length);
                long now = System.nanoTime();
                if (closing) {
                    break;
                }
                if (n < 0) {
                    LOG.warn("{}: read failed (jSerialComm error code {}); reopening the port", path,
                            port.getLastErrorCode());
                    reopen(settings, "a read error");
                    lastByte = System.nanoTime();
                    continue;
                }
                try {
                    lastByte = process(buf, n, now, lastByte, filtered, ignored);
                } catch (RuntimeException e) {
                    LOG.error("{}: unexpected failure, partial frame forgotten: {}{}", path, e, where(e));
                    decoder.reset();
                }
            }
        } finally {
            port.closePort();
            LOG.info("DL/T 645 slave on {} closed", path);
        }
    }

    /** @return the time of the last byte received */
    private long process(byte[] buf, int n, long now, long lastByte, byte[] filtered, int[] ignored) {
        if (now - lastByte > idleLimitNanos && decoder.bufferedBytes() > 0) {
            decoder.idle(Duration.ofNanos(now - lastByte));
        }
        byte[] data = buf;
        int len = n;
        if (echo.active()) {
            len = echo.filter(buf, n, now, filtered, ignored);
            data = filtered;
            if (ignored[0] > 0) {
                stats.echoIgnored(ignored[0]);
            }
        }
        if (n > 0) {
            stats.bytesReceived(n);
        }
        List<Dlt645Frame> frames = len > 0 ? decoder.feed(data, 0, len) : List.of();
        stats.decoder(decoder.discardedBytes(), decoder.droppedFrames());
        for (Dlt645Frame frame : frames) {
            onFrame(frame, now);
        }
        return n > 0 ? now : lastByte;
    }

    private void onFrame(Dlt645Frame frame, long requestEnd) {
        stats.frameReceived();
        if (frame.control().isFromMeter()) {
            LOG.debug("{}: ignoring a frame sent by a meter: {}", path, frame);
            return;
        }
        Optional<SlaveReply> answer;
        try {
            answer = handler.handle(frame);
        } catch (RuntimeException e) {
            stats.handlerError();
            LOG.warn("{}: handler failed on {}: {}{}; no reply", path, frame, e, where(e));
            return;
        }
        if (answer == null) {
            stats.handlerError();
            LOG.warn("{}: handler returned null for {} (bug: return Optional.empty()); no reply", path, frame);
            return;
        }
        if (answer.isEmpty()) {
            return;
        }
        if (frame.address().isBroadcast()) {
            stats.repliesWithheld(1);
            LOG.warn("{}: bug: handler answered broadcast {} with {}; withheld, meters never answer a broadcast", path,
                    frame, answer.get().frame());
            return;
        }
        send(answer.get(), requestEnd);
    }

    private void send(SlaveReply reply, long requestEnd) {
        LinkSettings s = settings;
        byte[] wire = reply.frame().encode(s.preamble());
        parkUntil(requestEnd + s.turnaround().toNanos());
        if (closing) {
            return;
        }
        long start = System.nanoTime();
        long latency = start - requestEnd;
        if (latency > LinkSettings.MAX_TURNAROUND.toNanos()) {
            stats.repliesWithheld(1);
            LOG.warn("{}: reply {} ready {} ms after the request, beyond DL/T 645's {} ms; withheld", path,
                    reply.frame(), latency / 1_000_000, LinkSettings.MAX_TURNAROUND.toMillis());
            return;
        }
        long wireNanos = s.wireNanos(wire.length);
        if (!writeFully(wire, start + wireNanos + WRITE_SLACK_NANOS)) {
            return;
        }
        stats.frameAnswered(latency);
        if (options.ignoreEcho()) {
            echo.expect(wire, start + wireNanos + ECHO_SLACK_NANOS);
        }
        LOG.debug("{}: answered after {} us: {}", path, latency / 1_000, reply.frame());
        if (reply.baudAfterReply().isPresent()) {
            changeBaud(reply.baudAfterReply().getAsInt(), start, wire.length);
        }
    }

    private boolean writeFully(byte[] wire, long deadline) {
        int off = 0;
        while (off < wire.length) {
            int w = port.writeBytes(wire, wire.length - off, off);
            if (w < 0) {
                LOG.warn("{}: writing a reply failed (jSerialComm error code {})", path, port.getLastErrorCode());
                return false;
            }
            off += w;
            if (off < wire.length) {
                if (closing || System.nanoTime() - deadline > 0) {
                    LOG.warn("{}: only {} of {} reply bytes could be written", path, off, wire.length);
                    return false;
                }
                LockSupport.parkNanos(settings.wireNanos(1));
            }
        }
        return true;
    }

    private void changeBaud(int newBaud, long writeStart, int bytes) {
        LinkSettings old = settings;
        parkUntil(writeStart + old.wireNanos(bytes));
        long limit = System.nanoTime() + DRAIN_LIMIT_NANOS;
        boolean queued = false;
        while (!closing && port.bytesAwaitingWrite() > 0 && System.nanoTime() - limit < 0) {
            queued = true;
            LockSupport.parkNanos(old.wireNanos(1));
        }
        // the character in the shift register, or a FIFO's worth if the queue was still draining
        parkUntil(System.nanoTime() + old.wireNanos(queued ? UART_FIFO : 2));
        if (closing) {
            return;
        }
        LinkSettings next = old.withBaud(newBaud);
        if (port.setBaudRate(newBaud)) {
            decoder.reset();
            stats.baudChanged(); // before the volatile write, so that whoever sees the new rate sees the count
            settings = next;
            LOG.info("{}: baud rate {} -> {}", path, old.baud(), newBaud);
            return;
        }
        LOG.info("{}: setting {} baud on the open port returned false (jSerialComm error code {}; expected on a pty"
                + " with parity, where the kernel applies it anyway); reopening the port at the new rate", path,
                newBaud, port.getLastErrorCode());
        if (reopen(next, "a baud change")) {
            stats.baudChanged();
            LOG.info("{}: baud rate {} -> {}", path, old.baud(), newBaud);
        }
    }

    /**
     * Closes the port and opens it again with {@code s}, after 10 ms and then a back-off
     * doubling up to 1 s, until it works or the link closes.
     *
     * @return true if the port is open again
     */
    private boolean reopen(LinkSettings s, String why) {
        settings = s;
        port.closePort();
        decoder.reset();
        echo.clear();
        long backoff = REOPEN_BACKOFF_NANOS;
        boolean warned = false;
        while (!closing) {
            parkUntil(System.nanoTime() + backoff);
            if (closing) {
                break;
            }
            configure(port, s, options);
            if (port.openPort()) {
                stats.portReopened();
                LOG.info("{}: reopened at {} after {}", path, s, why);
                return true;
            }
            if (!warned) {
                int code = port.getLastErrorCode();
                LOG.warn("{}: reopening after {} failed: {} (jSerialComm error code {}); retrying", path, why,
                        LinkException.explain(code), code);
                warned = true;
            }
            backoff = Math.min(backoff * 2, MAX_REOPEN_BACKOFF_NANOS);
        }
        return false;
    }

    /** Sleeps until {@code deadline} (System.nanoTime) or until the link closes. */
    private void parkUntil(long deadline) {
        long remaining;
        while (!closing && (remaining = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, remaining);
        }
    }

    /** Where an exception came from, for a one-line log. */
    static String where(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length == 0 ? "" : " at " + trace[0];
    }
}
