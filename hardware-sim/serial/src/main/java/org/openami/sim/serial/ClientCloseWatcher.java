package org.openami.sim.serial;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * Tells when a client closes the slave device, through an inotify watch for close events
 * on {@code /dev/pts/N}, so that {@link PseudoTerminal} can prepare the slave for the next
 * client (see {@link PseudoTerminal} on why). Our own slave descriptor is never closed
 * while the watch lives, so every event comes from a client.
 *
 * <p>Runs one daemon thread, {@code pty-watch-pts/N}, which calls the callback on each
 * batch of close events. {@link #stop()} ends it within one poll slice and waits for it.
 * Package-private: an implementation detail of {@link PseudoTerminal}.
 */
final class ClientCloseWatcher {

    private static final LibC C = LibC.INSTANCE;
    private static final System.Logger LOG = System.getLogger(ClientCloseWatcher.class.getName());

    private final int inotify;
    private final Runnable onClientClosed;
    private final Thread thread;
    private volatile boolean stopped;

    private ClientCloseWatcher(int inotify, String slavePath, Runnable onClientClosed) {
        this.inotify = inotify;
        this.onClientClosed = onClientClosed;
        this.thread = new Thread(this::run, "pty-watch-" + slavePath.replaceFirst("^/dev/", ""));
        this.thread.setDaemon(true);
    }

    /**
     * Starts watching {@code slavePath}.
     *
     * @return the running watcher, or {@code null} if inotify is unavailable (no watch
     *         descriptors left, or a kernel without inotify); the reason is logged
     */
    static ClientCloseWatcher start(String slavePath, Runnable onClientClosed) {
        int fd = C.inotify_init1(LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        if (fd < 0) {
            LOG.log(System.Logger.Level.WARNING, PosixException.lastError("inotify_init1", slavePath).getMessage());
            return null;
        }
        if (C.inotify_add_watch(fd, slavePath, LibC.IN_CLOSE_WRITE | LibC.IN_CLOSE_NOWRITE) < 0) {
            LOG.log(System.Logger.Level.WARNING, PosixException.lastError("inotify_add_watch", slavePath).getMessage());
            C.close(fd);
            return null;
        }
        ClientCloseWatcher watcher = new ClientCloseWatcher(fd, slavePath, onClientClosed);
        watcher.thread.start();
        return watcher;
    }

    /**
     * Ends the thread, waits for it (at most about one poll slice), then closes the inotify
     * descriptor. Call once, from a thread other than the watcher's.
     */
    void stop() {
        stopped = true;
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        C.close(inotify);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        byte[] events = new byte[4096];
        LibC.PollFd pfd = new LibC.PollFd();
        while (!stopped) {
            pfd.fd = inotify;
            pfd.events = LibC.POLLIN;
            pfd.revents = 0;
            if (C.poll(pfd, new NativeLong(1), PseudoTerminal.POLL_SLICE_MILLIS) > 0 && drained(events)) {
                try {
                    onClientClosed.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "client-close callback failed", e);
                }
            }
        }
    }

    /** @return true if at least one event was read */
    private boolean drained(byte[] events) {
        boolean any = false;
        while (C.read(inotify, events, new NativeLong(events.length)).longValue() > 0) {
            any = true;
        }
        int errno = Native.getLastError();
        if (!any && errno != LibC.EAGAIN && errno != LibC.EINTR) {
            LOG.log(System.Logger.Level.DEBUG, "inotify read failed: errno " + errno);
        }
        return any;
    }
}
