package org.openami.cloud.ingest.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openami.cloud.ingest.db.DatabaseException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and stops a PostgreSQL server left running on a data directory by a JVM that was
 * killed (the server is a separate process and outlives it). The server is an orphan when its
 * {@code postmaster.pid} names a live {@code postgres} process while no JVM holds the embedded
 * server's lock file ({@code epg-lock}) on the directory; it is then asked to shut down
 * (SIGTERM: no client is left, so it stops at once and cleanly). A directory whose lock is held
 * is in use by a live server, which is an error, not an orphan.
 */
final class OrphanedServer {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanedServer.class);
    private static final String PID_FILE = "postmaster.pid";
    private static final String LOCK_FILE = "epg-lock";
    private static final int MAX_PID_FILE_BYTES = 4096;
    private static final long STOP_WAIT_SECONDS = 60;

    private OrphanedServer() {
    }

    static void stopIfOrphaned(Path dataDir) throws DatabaseException {
        Optional<ProcessHandle> server = runningServer(dataDir);
        if (server.isEmpty()) {
            return;
        }
        long pid = server.get().pid();
        if (lockHeld(dataDir)) {
            throw new DatabaseException(Reason.DATA_DIRECTORY_IN_USE, "data directory " + dataDir
                    + " is in use by a running PostgreSQL server (pid " + pid + ")");
        }
        LOG.warn("stopping PostgreSQL server (pid {}) left running on {} by an earlier process", pid, dataDir);
        server.get().destroy();
        try {
            server.get().onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException(Reason.STARTUP_FAILED, "interrupted while stopping PostgreSQL (pid " + pid + ")", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new DatabaseException(Reason.DATA_DIRECTORY_IN_USE, "PostgreSQL server (pid " + pid
                    + ") left running on " + dataDir + " did not stop within " + STOP_WAIT_SECONDS + " s", e);
        }
    }

    /** The live postgres process named by the directory's pid file, if any. */
    static Optional<ProcessHandle> runningServer(Path dataDir) throws DatabaseException {
        Path pidFile = dataDir.resolve(PID_FILE);
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try (InputStream in = Files.newInputStream(pidFile)) {
            String text = new String(in.readNBytes(MAX_PID_FILE_BYTES), StandardCharsets.US_ASCII);
            String first = text.lines().findFirst().orElse("").trim();
            pid = Long.parseLong(first);
        } catch (IOException | NumberFormatException e) {
            LOG.debug("unreadable {}: {}", pidFile, e.toString());
            return Optional.empty(); // PostgreSQL itself decides about a damaged pid file
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        return handle.filter(h -> h.info().command().map(c -> c.endsWith("/postgres") || c.equals("postgres"))
                .orElse(false));
    }

    private static boolean lockHeld(Path dataDir) throws DatabaseException {
        Path lockFile = dataDir.resolve(LOCK_FILE);
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // held by an embedded server of this JVM
        } catch (IOException e) {
            throw new DatabaseException(Reason.STARTUP_FAILED, "cannot check lock file " + lockFile + ": " + e, e);
        }
    }
}
