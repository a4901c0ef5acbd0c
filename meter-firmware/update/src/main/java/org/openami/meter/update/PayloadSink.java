package org.openami.meter.update;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Where verified payload bytes go while they are hashed. */
interface PayloadSink {

    /** Drops the bytes (verification only). */
    PayloadSink DISCARD = path -> OutputStream.nullOutputStream();

    /** Opens the destination of a payload path that has already passed the path checks. */
    OutputStream open(String path) throws IOException;

    /**
     * Writes below {@code root}, creating files new (never following or replacing links) and
     * fsyncing each file when it is closed.
     */
    static PayloadSink directory(Path root) {
        Path base = root.toAbsolutePath().normalize();
        return path -> {
            Path target = base.resolve(path).normalize();
            if (!target.startsWith(base) || target.equals(base)) {
                throw new IOException("refusing to write " + path + " outside " + base);
            }
            Files.createDirectories(target.getParent());
            if (!target.getParent().toRealPath().startsWith(base.toRealPath())) {
                throw new IOException("refusing to write " + path + " through a link");
            }
            FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            return new FilterOutputStream(Channels.newOutputStream(ch)) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    try {
                        ch.force(true);
                    } finally {
                        super.close();
                    }
                }
            };
        };
    }
}
