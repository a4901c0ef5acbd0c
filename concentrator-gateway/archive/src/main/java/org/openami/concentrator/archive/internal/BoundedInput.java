package org.openami.concentrator.archive.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads at most {@code max} bytes from a source and throws {@link TooLarge} on the first byte
 * beyond, so an oversized input is refused after {@code max} bytes, not after all of it. Also
 * remembers whether the source itself failed, which tells a real I/O error from bad content
 * when a parser wraps both in IOException. Not thread-safe.
 */
public final class BoundedInput extends FilterInputStream {

    /** The input has more bytes than allowed. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long max) {
            super("input is larger than " + max + " bytes");
        }
    }

    private final long max;
    private long count;
    private boolean sourceFailed;

    public BoundedInput(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    /** Whether reading the source threw (as opposed to the content being bad). */
    public boolean sourceFailed() {
        return sourceFailed;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n;
        try {
            n = in.read(b, off, (int) Math.min(len, max - count + 1));
        } catch (IOException e) {
            sourceFailed = true;
            throw e;
        }
        if (n > 0) {
            count += n;
            if (count > max) {
                throw new TooLarge(max);
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported");
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
