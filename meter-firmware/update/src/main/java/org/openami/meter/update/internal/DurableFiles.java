package org.openami.meter.update.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File operations that survive a power cut: write-to-temp + fsync + atomic rename + fsync of
 * the directory, fsync of whole trees, recursive delete that does not follow links.
 * Stateless; every method blocks on disk I/O and reports failures as {@link IOException}.
 */
public final class DurableFiles {

    private static final Logger LOG = LoggerFactory.getLogger(DurableFiles.class);

    /** Suffix of the temporary file {@link #replace} writes next to its target. */
    public static final String TEMP_SUFFIX = ".tmp";

    private DurableFiles() {
    }

    /**
     * Replaces {@code target} with {@code content} atomically: after a crash the file holds
     * either the old or the new bytes, never a mix. A temporary file {@code target + ".tmp"}
     * left by an earlier crash is overwritten.
     */
    public static void replace(Path target, byte[] content) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        moveAtomically(temp, target);
    }

    /** Renames {@code from} to {@code to} atomically (replacing a file) and fsyncs the parent directory. */
    public static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename atomically: " + from + " -> " + to, e);
        }
        syncDirectory(to.toAbsolutePath().getParent());
    }

    /** Flushes a directory entry table to disk. A no-op where the platform cannot open directories (Windows). */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            if (isPosix(dir)) {
                throw e;
            }
            LOG.debug("cannot fsync directory {} on this platform: {}", dir, e.toString());
        }
    }

    /** Fsyncs every regular file and directory below and including {@code root}. */
    public static void syncTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                syncDirectory(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Deletes {@code path} and everything below it. Symbolic links are deleted, never followed.
     * A missing path is not an error.
     */
    public static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Counts the regular files below {@code root} (0 if it does not exist). */
    public static long countFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    private static void deleteIfExists(Path p) throws IOException {
        try {
            Files.delete(p);
        } catch (NoSuchFileException e) {
            // already gone
        }
    }

    private static boolean isPosix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
