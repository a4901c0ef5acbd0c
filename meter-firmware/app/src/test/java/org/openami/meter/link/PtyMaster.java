package org.openami.meter.link;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import org.openami.sim.serial.PseudoTerminal;

/** The concentrator side of a link test: the master end of a pty, whose slave the link opens. */
final class PtyMaster implements AutoCloseable {

    /** Bytes received and when the first of them arrived (System.nanoTime, 0 if none). */
    record Received(byte[] bytes, long firstByteNanos) {
    }

    final PseudoTerminal pty;

    PtyMaster() throws IOException {
        pty = PseudoTerminal.open();
    }

    String slavePath() {
        return pty.slavePath();
    }

    /**
     * Writes the bytes at once, as one pty write.
     *
     * @return System.nanoTime just before the write. A pty has no wire time: the request ends
     *         when the write puts it in the kernel buffer, no earlier than this; the time
     *         after the write is no safe bound, as the writer may be descheduled before it
     *         reads the clock while the link already runs
     */
    long write(byte[] bytes) throws IOException {
        long before = System.nanoTime();
        pty.masterOutput().write(bytes);
        return before;
    }

    /** Reads until {@code n} bytes came or {@code patience} passed. */
    Received read(int n, Duration patience) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long first = 0;
        long deadline = System.nanoTime() + patience.toNanos();
        byte[] buf = new byte[n];
        while (got.size() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            int r = pty.read(buf, 0, n - got.size(), Duration.ofNanos(left));
            if (r < 0) {
                break;
            }
            if (r > 0 && first == 0) {
                first = System.nanoTime();
            }
            got.write(buf, 0, r);
        }
        return new Received(got.toByteArray(), first);
    }

    @Override
    public void close() {
        pty.close();
    }
}
