package org.openami.concentrator.dlt645.relay.bench;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.openami.concentrator.channel.LineSettings;
import org.openami.concentrator.channel.Transport;
import org.openami.dlt645.ControlCode.Function;

/**
 * A transport that notes when each DL/T 645 control frame (1CH) is handed to the medium
 * ({@link System#nanoTime()} just before the write), then passes everything on.
 */
final class WriteTimingTransport implements Transport {

    private final Transport inner;
    private final ConcurrentLinkedQueue<Long> controlWrites = new ConcurrentLinkedQueue<>();

    WriteTimingTransport(Transport inner) {
        this.inner = inner;
    }

    /** The first control write at or after {@code since} (nanoTime), or -1; removes older ones. */
    long firstControlWriteSince(long since) {
        Long t;
        while ((t = controlWrites.poll()) != null) {
            if (t - since >= 0) {
                return t;
            }
        }
        return -1;
    }

    @Override
    public void configure(LineSettings line) throws IOException {
        inner.configure(line);
    }

    @Override
    public void write(byte[] frame) throws IOException {
        long now = System.nanoTime();
        if (isControl(frame)) {
            controlWrites.add(now);
        }
        inner.write(frame);
    }

    /** FE... 68 A0..A5 68 C: C's function bits are 1CH. */
    private static boolean isControl(byte[] f) {
        int i = 0;
        while (i < f.length && (f[i] & 0xFF) == 0xFE) {
            i++;
        }
        return i + 8 < f.length && (f[i] & 0xFF) == 0x68 && (f[i + 8] & 0x1F) == Function.CONTROL.code();
    }

    @Override
    public int read(byte[] buf, long timeoutNanos) throws IOException {
        return inner.read(buf, timeoutNanos);
    }

    @Override
    public void discardInput() throws IOException {
        inner.discardInput();
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public void close() {
        inner.close();
    }
}
