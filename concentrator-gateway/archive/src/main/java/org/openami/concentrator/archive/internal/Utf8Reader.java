package org.openami.concentrator.archive.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding that hands out every character before a malformed byte and only then
 * throws {@link java.nio.charset.MalformedInputException} (unlike {@link java.io.InputStreamReader},
 * which may throw a whole buffer early), so the caller knows the line of the bad bytes.
 * Not thread-safe; does not close the stream.
 */
final class Utf8Reader extends Reader {

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
    private boolean eof;
    private boolean flushed;

    Utf8Reader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(cbuf, off, len);
        while (true) {
            if (flushed) {
                return -1;
            }
            CoderResult result = decoder.decode(bytes, out, eof);
            if (result.isError()) {
                if (out.position() > off) {
                    return out.position() - off;
                }
                result.throwException();
            }
            if (out.position() > off) {
                return out.position() - off;
            }
            if (eof) {
                decoder.flush(out);
                flushed = true;
                return out.position() > off ? out.position() - off : -1;
            }
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
        }
    }

    @Override
    public void close() {
        // the caller owns the stream
    }
}
