package org.openami.concentrator.bench.prepay;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.openami.concentrator.channel.LineSettings;
import org.openami.concentrator.channel.Transport;
import org.openami.dlt645.ControlCode.Function;

/** A transport that notes when each DL/T 645 control frame (1CH) is handed to the medium. */
final class ControlWriteClock implements Transport {

    private final Transport inner;
    private final ConcurrentLinkedQueue<Long> writes = new ConcurrentLinkedQueue<>();

    ControlWriteClock(Transport inner) {
        this.inner = inner;
    }

    /** The first control write at or after {@code since} (nanoTime), or -1; older ones are dropped. */
    long firstSince(long since) {
        for (Long t; (t = writes.poll()) != null; ) {
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
        int i = 0;
        while (i < frame.length && (frame[i] & 0xFF) == 0xFE) {
            i++;
        }
        if (i + 8 < frame.length && (frame[i] & 0xFF) == 0x68 && (frame[i + 8] & 0x1F) == Function.CONTROL.code()) {
            writes.add(System.nanoTime());
        }
        inner.write(frame);
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
