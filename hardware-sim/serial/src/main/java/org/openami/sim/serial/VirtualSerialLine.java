package org.openami.sim.serial;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A serial line whose far end is a simulated {@link SerialDevice}. The client opens
 * {@link #path()} ({@code /dev/pts/N}) with jSerialComm or any tty API, as it would a
 * UART; what it writes reaches the device, what the device sends back arrives paced at the
 * configured baud rate, and faults can be injected on the way back.
 *
 * <p><b>Threads.</b> {@link #open} starts one daemon reader thread named
 * {@code vserial-pts/N} that reads the pty master and calls
 * {@link SerialDevice#onBytes}. Replies are written on whichever thread calls
 * {@link ReplySink#send} (usually that reader thread), serialised by a lock so replies and
 * noise never interleave. All public methods are thread-safe.
 *
 * <p><b>Pacing.</b> Byte {@code i} of a reply is handed to the client no earlier than
 * {@link LineTiming#frameNanos frameNanos(i + 1, baud, bitsPerByte)} after the reply
 * starts, so a reply takes at least its wire time. The client direction is not slowed
 * unless the line is opened with {@code paceRequests}: then bytes from the client reach the
 * device no earlier than their wire time after the previous ones (a pty moves them at once;
 * a real UART does not), which benchmarks of a master's bus use need. A baud rate of 0
 * switches pacing off for fast tests.
 *
 * <p><b>Faults.</b> {@link #dropNextReplies}, {@link #corruptNextReplyBytes} and
 * {@link #injectNoise} act on the device-to-client direction only.
 */
public final class VirtualSerialLine implements AutoCloseable {

    /** Bit pattern XORed into a corrupted byte: every bit flips, so the byte always changes. */
    public static final int CORRUPTION_MASK = 0xFF;

    private static final System.Logger LOG = System.getLogger(VirtualSerialLine.class.getName());
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

    private final PseudoTerminal pty;
    private final SerialDevice device;
    private final int baud;
    private final int bitsPerByte;
    private final boolean paceRequests;
    private final Thread reader;
    private final Object writeLock = new Object();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger repliesToDrop = new AtomicInteger();
    private final AtomicInteger bytesToCorrupt = new AtomicInteger();
    private final ReplySink sink = this::sendReply;

    private VirtualSerialLine(PseudoTerminal pty, SerialDevice device, int baud, int bitsPerByte,
            boolean paceRequests) {
        this.pty = pty;
        this.paceRequests = paceRequests && baud > 0;
        this.device = device;
        this.baud = baud;
        this.bitsPerByte = bitsPerByte;
        this.reader = new Thread(this::readLoop, "vserial-" + pty.slavePath().replaceFirst("^/dev/", ""));
        this.reader.setDaemon(true);
    }

    /**
     * Creates a pseudo-terminal, attaches {@code device} and starts the reader thread.
     *
     * @param device      the simulated peripheral answering on this line
     * @param baud        line speed for pacing replies, or 0 for no pacing
     * @param bitsPerByte bits per character on the wire, e.g. {@link LineTiming#BITS_8E1}
     * @return the open line; the caller must {@link #close()} it
     * @throws IOException              if the pseudo-terminal cannot be made
     * @throws IllegalArgumentException if {@code baud} is negative or {@code bitsPerByte}
     *                                  not positive
     */
    public static VirtualSerialLine open(SerialDevice device, int baud, int bitsPerByte) throws IOException {
        return open(device, baud, bitsPerByte, false);
    }

    /**
     * As {@link #open(SerialDevice, int, int)}, optionally pacing the client's bytes too.
     *
     * @param paceRequests hand the client's bytes to the device no earlier than their wire time
     */
    public static VirtualSerialLine open(SerialDevice device, int baud, int bitsPerByte, boolean paceRequests)
            throws IOException {
        Objects.requireNonNull(device, "device");
        if (baud < 0 || bitsPerByte <= 0) {
            throw new IllegalArgumentException("baud=" + baud + ", bitsPerByte=" + bitsPerByte);
        }
        VirtualSerialLine line = new VirtualSerialLine(PseudoTerminal.open(), device, baud, bitsPerByte, paceRequests);
        line.reader.start();
        return line;
    }

    /** @return the slave device path the client opens, e.g. {@code /dev/pts/3} */
    public String path() {
        return pty.slavePath();
    }

    /** @return the baud rate replies are paced at, 0 if unpaced */
    public int baud() {
        return baud;
    }

    /** @return bits per character used for pacing */
    public int bitsPerByte() {
        return bitsPerByte;
    }

    /**
     * XORs {@link #CORRUPTION_MASK} into the next {@code n} reply bytes sent through the
     * sink, across reply boundaries. Replaces any count still pending; 0 cancels.
     * Does not block.
     */
    public void corruptNextReplyBytes(int n) {
        bytesToCorrupt.set(requireNotNegative(n));
    }

    /**
     * Silently discards the next {@code n} replies sent through the sink, whole, as if
     * the device never answered. Replaces any count still pending; 0 cancels.
     * Does not block.
     */
    public void dropNextReplies(int n) {
        repliesToDrop.set(requireNotNegative(n));
    }

    /**
     * Writes {@code garbage} toward the client now, paced like a reply, neither dropped nor
     * corrupted. Blocks for its wire time, waiting first for a reply in progress to finish.
     *
     * @throws java.io.InterruptedIOException if the thread is interrupted while pacing
     * @throws IOException if the line is closed or the pty fails
     */
    public void injectNoise(byte[] garbage) throws IOException {
        writePaced(garbage.clone());
    }

    /**
     * Stops the reader thread and closes the pseudo-terminal; a client holding the slave
     * open then reads end-of-file or an error, like a pulled cable. Replies in progress are
     * cut short. Blocks until the reader thread has ended (bounded: a device stuck in
     * {@code onBytes} is left behind after a few seconds). Idempotent; may be called from
     * any thread, including from within {@link SerialDevice#onBytes}.
     */
    @Override
    public void close() {
        closing.countDown();
        pty.close();
        if (Thread.currentThread() != reader) {
            try {
                reader.join(JOIN_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "VirtualSerialLine[" + path() + ", " + baud + " baud, " + bitsPerByte + " bits/byte]";
    }

    private void readLoop() {
        byte[] buf = new byte[512];
        long wireFreeAt = System.nanoTime();
        while (!isClosing()) {
            int n;
            try {
                n = pty.masterInput().read(buf, 0, buf.length);
            } catch (IOException e) {
                if (!isClosing()) {
                    LOG.log(System.Logger.Level.ERROR, "reading " + path() + " failed; line stops", e);
                }
                return;
            }
            if (n < 0) {
                return;
            }
            if (paceRequests) {
                // the bytes were sent when the client wrote them; they are on the wire for their wire time
                long now = System.nanoTime();
                wireFreeAt = Math.max(now, wireFreeAt) + LineTiming.frameNanos(n, baud, bitsPerByte);
                long left;
                while ((left = wireFreeAt - System.nanoTime()) > 0 && !isClosing()) {
                    LockSupport.parkNanos(left);
                }
            }
            try {
                device.onBytes(buf, n, sink);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "device on " + path() + " failed; line goes on", e);
            }
        }
    }

    private void sendReply(byte[] reply, Duration delayBeforeFirstByte) {
        if (delayBeforeFirstByte.isNegative()) {
            throw new IllegalArgumentException("negative delay " + delayBeforeFirstByte);
        }
        byte[] wire = reply.clone();
        if (isClosing() || takeOne(repliesToDrop)) {
            return;
        }
        try {
            if (closing.await(delayBeforeFirstByte.toNanos(), TimeUnit.NANOSECONDS)) {
                return;
            }
            for (int i = 0; i < wire.length && takeOne(bytesToCorrupt); i++) {
                wire[i] ^= CORRUPTION_MASK;
            }
            writePaced(wire);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (InterruptedIOException e) {
            // interrupt flag is still set: the rest of the reply is dropped as documented
        } catch (IOException e) {
            if (!isClosing()) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void writePaced(byte[] bytes) throws IOException {
        synchronized (writeLock) {
            if (isClosing()) {
                throw new IOException("line " + path() + " is closed");
            }
            if (baud == 0) {
                pty.masterOutput().write(bytes);
                return;
            }
            long start = System.nanoTime();
            int sent = 0;
            while (sent < bytes.length) {
                long due = Math.min(bytes.length,
                        LineTiming.bytesSentWithin(System.nanoTime() - start, baud, bitsPerByte));
                if (due > sent) {
                    pty.masterOutput().write(bytes, sent, (int) due - sent);
                    sent = (int) due;
                } else {
                    if (isClosing()) {
                        throw new IOException("line " + path() + " closed during a reply");
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedIOException("interrupted after " + sent + " of " + bytes.length + " bytes");
                    }
                    long next = start + LineTiming.frameNanos(sent + 1, baud, bitsPerByte);
                    LockSupport.parkNanos(next - System.nanoTime());
                }
            }
        }
    }

    private boolean isClosing() {
        return closing.getCount() == 0;
    }

    private static boolean takeOne(AtomicInteger counter) {
        return counter.getAndUpdate(c -> c > 0 ? c - 1 : 0) > 0;
    }

    private static int requireNotNegative(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative count " + n);
        }
        return n;
    }
}
