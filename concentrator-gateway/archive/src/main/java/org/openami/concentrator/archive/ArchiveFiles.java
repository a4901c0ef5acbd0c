package org.openami.concentrator.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Set;

/**
 * Loads and saves archive files, choosing the format by the extension ({@code .csv} or
 * {@code .json}, see {@link ArchiveFormat#forPath}).
 *
 * <p>{@link #save} is atomic: it writes a temporary file next to the target, forces it to
 * disk, then renames it over the target (an atomic move) and forces the directory, so after
 * a crash or power cut the file is either the old archive or the new one, never half of one.
 * Concurrent saves to one path do not corrupt it; the last rename wins.
 *
 * <p>Stateless and thread-safe; the methods block on file I/O.
 */
public final class ArchiveFiles {

    private ArchiveFiles() {
    }

    /**
     * Loads the archive in {@code file}.
     *
     * @param channels the configured channel ids; empty = do not check channels
     * @throws ArchiveException if the name has no known extension, the file is larger than
     *                          {@link ArchiveFormat#MAX_INPUT_BYTES} (checked before reading),
     *                          or its content is not a valid archive (every problem listed)
     * @throws IOException      if the file cannot be read
     */
    public static MeterArchive load(Path file, Set<String> channels) throws IOException, ArchiveException {
        String source = String.valueOf(file.getFileName());
        ArchiveFormat format = ArchiveFormat.forPath(file).orElseThrow(() -> new ArchiveException(source,
                new ArchiveProblem(0, "", "", "an archive file name ends in .csv or .json")));
        long size = Files.size(file);
        if (size > ArchiveFormat.MAX_INPUT_BYTES) {
            throw new ArchiveException(source, new ArchiveProblem(0, "", "", "the file is " + size
                    + " bytes, larger than " + ArchiveFormat.MAX_INPUT_BYTES + "; refused"));
        }
        try (InputStream in = Files.newInputStream(file)) {
            return format.read(in, channels, source);
        }
    }

    /**
     * Saves {@code archive} to {@code file} atomically (see the class description), in the
     * format of its extension. An existing file keeps its POSIX permissions.
     *
     * @throws IllegalArgumentException if the name does not end in .csv or .json
     * @throws IOException              if writing fails, or the file system cannot rename
     *                                  atomically ({@link java.nio.file.AtomicMoveNotSupportedException}):
     *                                  the target is then unchanged and the temporary file removed;
     *                                  or, rarely, if forcing the directory after the rename fails:
     *                                  the new archive is then in place but may not survive a power cut
     */
    public static void save(MeterArchive archive, Path file) throws IOException {
        ArchiveFormat format = ArchiveFormat.forPath(file).orElseThrow(() ->
                new IllegalArgumentException("an archive file name ends in .csv or .json: " + file));
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            copyPermissions(target, temp);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(ch);
                format.write(archive, out);
                out.flush();
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        forceDirectory(dir);
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (view != null && Files.exists(from)) {
            view.setPermissions(Files.getPosixFilePermissions(from));
        }
    }

    /** Makes the rename durable; a file system that cannot open directories (Windows) is skipped. */
    private static void forceDirectory(Path dir) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
        try (ch) {
            ch.force(true);
        }
    }
}
