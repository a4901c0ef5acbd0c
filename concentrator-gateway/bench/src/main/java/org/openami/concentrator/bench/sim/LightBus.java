package org.openami.concentrator.bench.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.openami.meter.link.LinkStatistics;
import org.openami.meter.link.MultiDropBus;
import org.openami.sim.serial.PseudoTerminal;
import org.openami.sim.serial.ReplySink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A benchmark bus of {@link LightMeters} behind a real pseudo-terminal: the meter firmware's
 * {@link MultiDropBus} (framing, addressing, FE preamble, turnaround) fed by a reader thread
 * on the pty's master side, with replies written at once (no baud-rate pacing), so that a
 * heap benchmark running simulated days in minutes is not bound by the wire time of a real
 * 2400-baud bus.
 *
 * <p>Why not {@link org.openami.sim.serial.VirtualSerialLine}: its reader waits with
 * {@code PseudoTerminal}'s "wait forever" read, which at present polls without sleeping
 * (the poll slice is computed from {@code Long.MAX_VALUE} nanoseconds and overflows to 0)
 * and so keeps one core busy per line; eight such lines would starve the concentrator
 * under test. This reader waits in one-second reads, which poll in 20 ms slices.
 *
 * <p>Threads: one daemon reader thread ({@code light-bus-pts/N}) on which the meters answer.
 * {@link #close()} from any thread.
 */
public final class LightBus implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LightBus.class);
    private static final Duration READ_WAIT = Duration.ofSeconds(1);

    private final LightMeters meters;
    private final MultiDropBus bus;
    private final PseudoTerminal pty;
    private final Thread reader;
    private volatile boolean closing;

    private LightBus(LightMeters meters, MultiDropBus bus, PseudoTerminal pty) {
        this.meters = meters;
        this.bus = bus;
        this.pty = pty;
        this.reader = new Thread(this::readLoop, "light-bus-" + pty.slavePath().replaceFirst("^/dev/", ""));
        this.reader.setDaemon(true);
    }

    /**
     * Makes the pty and starts the reader.
     *
     * @param meters     the meters on the bus
     * @param turnaround meters' reply delay after a request, zero or more
     * @throws IOException if the pseudo-terminal cannot be made
     */
    public static LightBus open(LightMeters meters, Duration turnaround) throws IOException {
        MultiDropBus bus = new MultiDropBus(List.of(meters), turnaround, 4, Duration.ofMillis(500));
        LightBus b = new LightBus(meters, bus, PseudoTerminal.open());
        b.reader.start();
        return b;
    }

    /** The {@code /dev/pts/N} a master opens. */
    public String path() {
        return pty.slavePath();
    }

    public LightMeters meters() {
        return meters;
    }

    public LinkStatistics statistics() {
        return bus.statistics();
    }

    /** Stops the reader and closes the pty (a master then reads end-of-file). Idempotent. */
    @Override
    public void close() {
        closing = true;
        pty.close();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readLoop() {
        byte[] buf = new byte[512];
        ReplySink sink = this::send;
        while (!closing) {
            int n;
            try {
                n = pty.read(buf, 0, buf.length, READ_WAIT);
            } catch (IOException e) {
                if (!closing) {
                    LOG.error("reading {} failed; the bus stops: {}", path(), e.toString());
                }
                return;
            }
            if (n < 0) {
                return;
            }
            if (n > 0) {
                try {
                    bus.onBytes(buf, n, sink);
                } catch (RuntimeException e) {
                    LOG.warn("bus {} failed on {} bytes; going on: {}", path(), n, e.toString());
                }
            }
        }
    }

    private void send(byte[] reply, Duration delay) {
        long until = System.nanoTime() + delay.toNanos();
        long left;
        while ((left = until - System.nanoTime()) > 0 && !closing) {
            LockSupport.parkNanos(left);
        }
        if (closing) {
            return;
        }
        try {
            pty.masterOutput().write(reply);
        } catch (IOException e) {
            if (!closing) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
