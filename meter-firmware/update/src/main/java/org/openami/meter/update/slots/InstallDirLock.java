package org.openami.meter.update.slots;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive access to an install directory: a JVM-wide lock per directory (so two
 * {@link FirmwareSlots} on the same directory in one process do not trip over file-lock
 * semantics) plus an OS file lock on {@code .lock} (against other processes). Blocks until
 * both are held.
 */
final class InstallDirLock implements AutoCloseable {

    static final String FILE = ".lock";
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCAL = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private InstallDirLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    static InstallDirLock acquire(Path installDir) throws IOException {
        Path key = installDir.toAbsolutePath().normalize();
        ReentrantLock local = LOCAL.computeIfAbsent(key, k -> new ReentrantLock());
        local.lock();
        FileChannel ch = null;
        try {
            ch = FileChannel.open(key.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new InstallDirLock(local, ch, ch.lock());
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            local.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            local.unlock();
        }
    }
}
