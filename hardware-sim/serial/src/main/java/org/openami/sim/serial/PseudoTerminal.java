package org.openami.sim.serial;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * A Linux pseudo-terminal pair made by this process: the master side stays here, the
 * slave side ({@link #slavePath()}, {@code /dev/pts/N}) is for a serial client such as
 * jSerialComm, which opens it like any tty.
 *
 * <p><b>Slave kept open.</b> {@link #open()} opens the slave once itself, puts it in raw
 * mode ({@code cfmakeraw}: no echo, no CR/LF translation, no XON/XOFF, no signals, 8 bits)
 * and holds that descriptor until {@link #close()}. Without it the master would read
 * {@code EIO} whenever no client has the slave open, and a client's bytes would be mangled
 * by the default cooked line discipline before the client configures the port.
 *
 * <p><b>Reopening with parity.</b> The Linux pty driver drops {@code PARENB} from every
 * {@code tcsetattr}, and glibc (seen with Debian 12's 2.36) then fails the call with
 * {@code EINVAL} if none of the four flag words changed. So a client that configures
 * 8E1 and closes leaves settings that make the next identical 8E1 configuration fail:
 * jSerialComm's second {@code openPort()} returns false (error 22). To keep
 * close-and-reopen working, a watcher thread ({@code pty-watch-pts/N}, inotify) sets the
 * slave's speed to 50 baud each time a client closes it; the next client's own speed then
 * counts as a change. Speed means nothing to a pty, so this touches no data. The reset
 * is asynchronous: it lands well under a millisecond after the close, a few milliseconds
 * on a busy machine, so a client that reopens at once can still fail, while one that backs
 * off some 10 ms succeeds. Without inotify (logged) there is no reset at all. Reapplying
 * the same 8E1 parameters to a port that is already open fails the same way.
 *
 * <p><b>Blocking.</b> Reads and writes on the master block the calling thread, but they
 * wait in {@code poll()} slices of {@value #POLL_SLICE_MILLIS} ms and look at the closed
 * flag between slices, so {@link #close()} from another thread ends them within one slice:
 * a pending read then returns {@code -1}, a pending write throws {@link IOException}.
 *
 * <p><b>Threading.</b> One reader thread and one writer thread may use the master at the
 * same time. Concurrent writers must serialise themselves, or their bytes may interleave.
 * {@link #close()} may be called from any thread, any number of times. Besides the
 * watcher above this class starts no thread.
 *
 * <p><b>Exceptions.</b> Failing C calls are reported as {@link PosixException} carrying
 * the function name and {@code errno}.
 */
public final class PseudoTerminal implements AutoCloseable {

    /** Longest time a blocked read or write goes without noticing {@link #close()}. */
    static final int POLL_SLICE_MILLIS = 20;

    private static final LibC C = LibC.INSTANCE;

    private final int master;
    private final int slave;
    private final String slavePath;
    private final InputStream input = new MasterInput();
    private final OutputStream output = new MasterOutput();

    private final Object lock = new Object();
    private int callsInFlight;          // guarded by lock
    private volatile boolean closed;
    private volatile ClientCloseWatcher watcher; // null if inotify is unavailable
    private final LibC.Termios nextClientTermios = new LibC.Termios(); // watcher thread only

    private PseudoTerminal(int master, int slave, String slavePath) {
        this.master = master;
        this.slave = slave;
        this.slavePath = slavePath;
    }

    /**
     * Creates a new pty pair: {@code posix_openpt(O_RDWR | O_NOCTTY)}, {@code grantpt},
     * {@code unlockpt}, {@code ptsname_r}, then opens the slave, makes it raw and starts
     * the client-close watcher. Both descriptors are close-on-exec, so child processes do
     * not keep the line alive.
     * Does not block beyond the system calls.
     *
     * @return an open pseudo-terminal; the caller must {@link #close()} it
     * @throws PosixException if any step fails; nothing stays open then
     */
    public static PseudoTerminal open() throws IOException {
        int master = C.posix_openpt(LibC.O_RDWR | LibC.O_NOCTTY);
        if (master < 0) {
            throw PosixException.lastError("posix_openpt", "/dev/ptmx");
        }
        int slave = -1;
        try {
            check(C.fcntl(master, LibC.F_SETFD, LibC.FD_CLOEXEC), "fcntl(F_SETFD)", "master");
            check(C.grantpt(master), "grantpt", "master");
            check(C.unlockpt(master), "unlockpt", "master");
            String path = slaveName(master);
            slave = C.open(path, LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC);
            check(slave, "open", path);
            makeRaw(slave, path);
            setNonBlocking(master);
            PseudoTerminal pty = new PseudoTerminal(master, slave, path);
            pty.watcher = ClientCloseWatcher.start(path, pty::prepareForNextClient);
            return pty;
        } catch (IOException | RuntimeException e) {
            if (slave >= 0) {
                C.close(slave);
            }
            C.close(master);
            throw e;
        }
    }

    /**
     * @return the slave device path, e.g. {@code /dev/pts/3}; stays valid until
     *         {@link #close()}
     */
    public String slavePath() {
        return slavePath;
    }

    /**
     * The master's receive side: bytes the client wrote to the slave. {@code read} blocks
     * until at least one byte is there and returns {@code -1} once this pseudo-terminal is
     * closed, also when the close happens while the read waits. Closing the stream closes
     * the whole pseudo-terminal, as with a socket's stream.
     *
     * @return the same stream on every call
     */
    public InputStream masterInput() {
        return input;
    }

    /**
     * The master's transmit side: bytes written here are what the client reads from the
     * slave, unchanged. {@code write} blocks until every byte is in the kernel's pty buffer,
     * which stays full if the client never reads. Throws {@link IOException} once closed.
     * Closing the stream closes the whole pseudo-terminal.
     *
     * @return the same stream on every call
     */
    public OutputStream masterOutput() {
        return output;
    }

    /**
     * Reads what the client wrote, waiting at most {@code timeout} for the first byte.
     * Blocks the calling thread for up to {@code timeout} (rounded up to a millisecond).
     *
     * @param buf     destination
     * @param off     first index written in {@code buf}
     * @param len     most bytes to read
     * @param timeout longest wait for the first byte; zero polls once
     * @return bytes read (at least 1), {@code 0} on timeout or if {@code len} is 0,
     *         {@code -1} if this pseudo-terminal is or becomes closed
     * @throws PosixException if {@code poll} or {@code read} fail
     */
    public int read(byte[] buf, int off, int len, Duration timeout) throws IOException {
        Objects.checkFromIndexSize(off, len, buf.length);
        return readWithin(buf, off, len, saturatedNanos(timeout));
    }

    /**
     * Closes the master and the slave descriptors kept by this object and stops the
     * watcher thread. Waits until reads and writes pending in other threads, and the
     * watcher, have seen the close (at most about one poll slice each), so no call can
     * hit a reused descriptor number. Idempotent; a client
     * still holding the slave open then reads end-of-file or {@code EIO}.
     */
    @Override
    public void close() {
        boolean interrupted = false;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            while (callsInFlight > 0) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (watcher != null) {
            watcher.stop();
        }
        C.close(slave);
        C.close(master);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "PseudoTerminal[" + slavePath + (closed ? ", closed]" : "]");
    }

    /**
     * Called by the watcher after a client closed the slave: moves the slave's speed to
     * one no client asks for, so the next client's {@code tcsetattr} changes a flag word
     * (see the class comment). Failures are only logged: the worst outcome is the glibc
     * {@code EINVAL} this tries to prevent.
     */
    void prepareForNextClient() {
        if (!enter()) {
            return;
        }
        try {
            LibC.Termios t = nextClientTermios;
            if (C.tcgetattr(slave, t) != 0 || C.cfsetispeed(t, LibC.B50) != 0 || C.cfsetospeed(t, LibC.B50) != 0
                    || C.tcsetattr(slave, LibC.TCSANOW, t) != 0) {
                System.getLogger(PseudoTerminal.class.getName()).log(System.Logger.Level.DEBUG,
                        () -> "resetting the speed of " + slavePath + " failed: errno " + Native.getLastError());
            }
        } finally {
            exit();
        }
    }

    /** @param timeoutNanos negative waits forever */
    private int readWithin(byte[] buf, int off, int len, long timeoutNanos) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!enter()) {
            return -1;
        }
        try {
            long deadline = System.nanoTime() + timeoutNanos;
            while (!closed) {
                long remaining = timeoutNanos < 0 ? Long.MAX_VALUE : deadline - System.nanoTime();
                // ceiling to whole milliseconds; capped first so "no timeout" (Long.MAX_VALUE) cannot overflow into a 0 ms busy poll
                long remainingMillis = (Math.min(remaining, POLL_SLICE_MILLIS * 1_000_000L) + 999_999) / 1_000_000;
                int slice = (int) Math.min(POLL_SLICE_MILLIS, Math.max(0, remainingMillis));
                if (pollFor(LibC.POLLIN, slice)) {
                    int n = readOnce(buf, off, len);
                    if (n > 0) {
                        return n;
                    }
                } else if (remaining <= 0) {
                    return 0;
                }
            }
            return -1;
        } finally {
            exit();
        }
    }

    private void writeFully(byte[] buf, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (!enter()) {
            throw closedException();
        }
        try {
            while (len > 0) {
                if (closed) {
                    throw closedException();
                }
                if (pollFor(LibC.POLLOUT, POLL_SLICE_MILLIS)) {
                    int n = writeOnce(buf, off, len);
                    off += n;
                    len -= n;
                }
            }
        } finally {
            exit();
        }
    }

    /** @return true if the master is ready for {@code events} (or has an error to report) */
    private boolean pollFor(short events, int timeoutMillis) throws IOException {
        LibC.PollFd pfd = new LibC.PollFd();
        pfd.fd = master;
        pfd.events = events;
        int r = C.poll(pfd, new NativeLong(1), timeoutMillis);
        if (r < 0) {
            int errno = Native.getLastError();
            if (errno == LibC.EINTR) {
                return false;
            }
            throw new PosixException("poll", errno, slavePath);
        }
        return r > 0 && pfd.revents != 0;
    }

    /** @return bytes read, or 0 if the read would block or was interrupted */
    private int readOnce(byte[] buf, int off, int len) throws IOException {
        byte[] tmp = off == 0 ? buf : new byte[len];
        long n = C.read(master, tmp, new NativeLong(len)).longValue();
        if (n < 0) {
            int errno = Native.getLastError();
            if (errno == LibC.EAGAIN || errno == LibC.EINTR) {
                return 0;
            }
            throw new PosixException("read", errno, "master of " + slavePath);
        }
        if (tmp != buf) {
            System.arraycopy(tmp, 0, buf, off, (int) n);
        }
        return (int) n;
    }

    /** @return bytes written, or 0 if the write would block or was interrupted */
    private int writeOnce(byte[] buf, int off, int len) throws IOException {
        byte[] tmp = off == 0 ? buf : java.util.Arrays.copyOfRange(buf, off, off + len);
        long n = C.write(master, tmp, new NativeLong(len)).longValue();
        if (n < 0) {
            int errno = Native.getLastError();
            if (errno == LibC.EAGAIN || errno == LibC.EINTR) {
                return 0;
            }
            throw new PosixException("write", errno, "master of " + slavePath);
        }
        return (int) n;
    }

    private boolean enter() {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            callsInFlight++;
            return true;
        }
    }

    private void exit() {
        synchronized (lock) {
            if (--callsInFlight == 0) {
                lock.notifyAll();
            }
        }
    }

    private IOException closedException() {
        return new IOException("pseudo-terminal " + slavePath + " is closed");
    }

    private static String slaveName(int master) throws IOException {
        byte[] name = new byte[128];
        int r = C.ptsname_r(master, name, new NativeLong(name.length));
        if (r != 0) {
            // ptsname_r returns the error number instead of setting errno
            throw new PosixException("ptsname_r", r, "master");
        }
        int end = 0;
        while (end < name.length && name[end] != 0) {
            end++;
        }
        return new String(name, 0, end, StandardCharsets.US_ASCII);
    }

    private static void makeRaw(int fd, String path) throws IOException {
        LibC.Termios t = new LibC.Termios();
        check(C.tcgetattr(fd, t), "tcgetattr", path);
        C.cfmakeraw(t);
        check(C.tcsetattr(fd, LibC.TCSANOW, t), "tcsetattr", path);
    }

    private static void setNonBlocking(int fd) throws IOException {
        int flags = C.fcntl(fd, LibC.F_GETFL, 0);
        check(flags, "fcntl(F_GETFL)", "master");
        check(C.fcntl(fd, LibC.F_SETFL, flags | LibC.O_NONBLOCK), "fcntl(F_SETFL)", "master");
    }

    private static void check(int result, String function, String context) throws PosixException {
        if (result < 0) {
            throw PosixException.lastError(function, context);
        }
    }

    private static long saturatedNanos(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout " + timeout);
        }
        return timeout.compareTo(Duration.ofDays(365)) > 0 ? Duration.ofDays(365).toNanos() : timeout.toNanos();
    }

    private final class MasterInput extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            return readWithin(b, off, len, -1);
        }

        @Override
        public void close() {
            PseudoTerminal.this.close();
        }
    }

    private final class MasterOutput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            writeFully(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writeFully(b, off, len);
        }

        @Override
        public void close() {
            PseudoTerminal.this.close();
        }
    }
}
