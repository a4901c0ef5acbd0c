package org.openami.demo;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openami.cloud.service.CloudService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops what a run started, in the right order, once: the concentrator (SIGTERM, so it closes
 * its store), the meters, the cloud service (broker and database), then deletes a temporary
 * data folder. Called at the end of a run and, on Ctrl-C, from the shutdown hook; whichever
 * comes first does the work. A part handed over after teardown began (it was still starting
 * when Ctrl-C came) is stopped at once; the hook waits for the run's thread to
 * {@link #release} it, so nothing is left running when the JVM ends. Thread-safe.
 */
final class Teardown implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Teardown.class);
    private static final Duration CHILD_GRACE = Duration.ofSeconds(20);

    private final Path dataDir;
    private final boolean deleteDataDir;
    private ConcentratorProcess concentrator;
    private MeterField field;
    private CloudService cloud;
    private volatile boolean closing;
    private final CountDownLatch released = new CountDownLatch(1);

    Teardown(Path dataDir, boolean deleteDataDir) {
        this.dataDir = dataDir;
        this.deleteDataDir = deleteDataDir;
    }

    synchronized void concentrator(ConcentratorProcess p) {
        if (closing) {
            p.close();
        } else {
            this.concentrator = p;
        }
    }

    synchronized void field(MeterField f) {
        if (closing) {
            f.close();
        } else {
            this.field = f;
        }
    }

    synchronized void cloud(CloudService c) {
        if (closing) {
            closeCloud(c);
        } else {
            this.cloud = c;
        }
    }

    /**
     * The run's thread is done with its parts (it has called {@link #close}); deletes a temporary
     * data folder again, in case a part still starting wrote to it during the teardown.
     */
    void release() {
        deleteDataDir();
        released.countDown();
    }

    /** Waits (the shutdown hook) until the run's thread {@link #release}d, at most {@code timeout}. */
    void awaitRelease(Duration timeout) throws InterruptedException {
        released.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether teardown has begun (the run should wind down quietly). */
    boolean closing() {
        return closing;
    }

    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (concentrator != null) {
            try {
                concentrator.stop(CHILD_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (field != null) {
            field.close();
        }
        if (cloud != null) {
            closeCloud(cloud);
        }
        DemoLogging.quiet();
        deleteDataDir();
    }

    private static void closeCloud(CloudService c) {
        try {
            c.close();
        } catch (RuntimeException e) {
            LOG.warn("stopping the cloud service: {}", e.toString());
        }
    }

    private void deleteDataDir() {
        if (deleteDataDir) {
            try {
                deleteRecursively(dataDir);
            } catch (IOException e) {
                System.err.println("ami demo: could not delete " + dataDir + ": " + e.getMessage());
            }
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
