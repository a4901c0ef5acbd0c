package org.openami.meter.app;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.openami.dlt645.Dlt645Decoder;
import org.openami.dlt645.Dlt645Frame;
import org.openami.sim.serial.PseudoTerminal;

/** The test's DL/T 645 master on the master side of a pseudo-terminal whose slave side the meter opened with jSerialComm. */
final class PtyMaster {

    private final PseudoTerminal pty;
    private final Dlt645Decoder decoder = new Dlt645Decoder();
    /** Nanoseconds from the end of the last request to the first reply byte. */
    long lastLatencyNanos;
    /** Every byte of the last reply, preamble included. */
    byte[] lastRaw = new byte[0];

    PtyMaster(PseudoTerminal pty) {
        this.pty = pty;
    }

    void send(byte[] bytes) throws IOException {
        pty.masterOutput().write(bytes);
        pty.masterOutput().flush();
    }

    /** Sends {@code request} and returns the first complete reply frame, or null after {@code timeout}. */
    Dlt645Frame ask(Dlt645Frame request, Duration timeout) throws IOException {
        decoder.reset();
        long sent = System.nanoTime(); // before the write: a pty write may wait in poll slices
        send(request.encode(2));
        long deadline = sent + timeout.toNanos();
        byte[] buf = new byte[512];
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        boolean first = true;
        while (System.nanoTime() < deadline) {
            int n = pty.read(buf, 0, buf.length, Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (n <= 0) {
                continue;
            }
            if (first) {
                lastLatencyNanos = System.nanoTime() - sent;
                first = false;
            }
            raw.write(buf, 0, n);
            List<Dlt645Frame> frames = decoder.feed(buf, 0, n);
            if (!frames.isEmpty()) {
                lastRaw = raw.toByteArray();
                return frames.get(0);
            }
        }
        return null;
    }
}
